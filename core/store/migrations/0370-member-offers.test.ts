import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../db';
import { databaseAt, migrateTo } from './test-support';

const add = (db: WritableDB, member: string, code: string, kind = 'amount') =>
  db
    .prepare(
      `INSERT INTO member_offers VALUES (?, ?, 'z', 'e', ?, 3000, 0, '2026-12-01', '2026-12-31', 'regular', 1)`,
    )
    .run(member, code, kind);

describe('0370-member-offers', () => {
  it('adds member_offers to a database at 300, keeping its outbox, one offer per (member, code)', () => {
    const db = databaseAt(350);
    db.exec(`INSERT INTO outbox_counters VALUES ('D1', 1, 7)`);
    migrateTo(db, 370);
    expect(db.raw.prepare('SELECT last_seq FROM outbox_counters').get()).toEqual({ last_seq: 7 });
    add(db, 'M000017', 'CMP0001-OFF');
    add(db, 'M000018', 'CMP0001-OFF');
    expect(() => add(db, 'M000017', 'CMP0001-OFF')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add(db, '', 'CMP0001-OFF')).toThrow(/CHECK/);
    expect(() => add(db, 'M000017', 'X', 'free-money')).toThrow(/CHECK/);
  });
});
