import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo } from './test-support';

describe('0230-outbox-sealed-args', () => {
  it('adds sealed personal arguments and their erasure mark to a queued outbox, keeping its rows', () => {
    const db = databaseAt(200);
    db.exec(`INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args,
      hlc, created_at) VALUES ('d', 1, 1, 'k1', 'registerMember', 1, '{"phone":"1"}', 'h', 't')`);
    migrateTo(db, 230);
    expect(
      db.raw.prepare('SELECT args, sealed_args, personal_erased_at FROM outbox').get(),
    ).toEqual({ args: '{"phone":"1"}', sealed_args: null, personal_erased_at: null });
    db.exec(`UPDATE outbox SET sealed_args = x'0102', personal_erased_at = 't2'`);
    expect(db.raw.prepare('SELECT sealed_args FROM outbox').get()).toEqual({
      sealed_args: Buffer.of(1, 2),
    });
  });
});
