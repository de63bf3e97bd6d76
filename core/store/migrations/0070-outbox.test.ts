import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, read, seedStoreAndStyle } from './test-support';

describe('0070-outbox', () => {
  it('adds the outbox with a unique idempotency key and a unique (device, epoch, seq)', () => {
    const db = databaseAt(60);
    seedStoreAndStyle(db);
    migrateTo(db, 70);
    const insert = db.prepare(
      `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc, created_at)
       VALUES ('d', 1, ?, ?, 'logTryOn', 1, ?, 'h', 't')`,
    );
    insert.run(1, 'k1', '{}');
    expect(read(db, 'SELECT state, attempts FROM outbox')).toEqual([
      { state: 'pending', attempts: 0 },
    ]);
    expect(() => insert.run(2, 'k1', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 'k2', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run(3, 'k3', '{nope')).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE outbox SET state = 'lost'`)).toThrow(/CHECK/);
    expect(
      queryPlan(db, "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= 't'"),
    ).toMatch(/outbox_due/);
    db.exec(`INSERT INTO sync_cursors VALUES ('catalog', 'c1', 't')`);
  });
});
