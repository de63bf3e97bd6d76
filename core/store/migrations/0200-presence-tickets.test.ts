import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo } from './test-support';

describe('0200-presence-tickets', () => {
  it('gives cached members and outbox rows a sealed presence ticket, none for existing rows', () => {
    const db = databaseAt(180);
    db.exec(`INSERT INTO tiers VALUES ('regular', 'r', 'r', 0, 1, 0);
      INSERT INTO members (member_id, tier, points) VALUES ('M1', 'regular', 5);
      INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc, state,
        attempts, created_at) VALUES ('D', 1, 1, 'k1', 'earnPoints', 1, '{}', 'h', 'pending', 0, 't')`);
    migrateTo(db, 200);
    expect(
      db.raw.prepare('SELECT points, presence_enc, presence_expires_at FROM members').get(),
    ).toEqual({ points: 5, presence_enc: null, presence_expires_at: null });
    expect(db.raw.prepare('SELECT idempotency_key, presence_enc FROM outbox').get()).toEqual({
      idempotency_key: 'k1',
      presence_enc: null,
    });
    db.raw
      .prepare(
        "UPDATE members SET presence_enc = ?, presence_expires_at = 'x' WHERE member_id = 'M1'",
      )
      .run(Buffer.from([1, 2, 3]));
    // the members table is STRICT: the sealed ticket is a BLOB, never text
    expect(() =>
      db.raw.prepare("UPDATE members SET presence_enc = 'in clear' WHERE member_id = 'M1'").run(),
    ).toThrow(/cannot store TEXT value in BLOB column/);
  });
});
