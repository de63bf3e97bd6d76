import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import { currentVersion, migrate } from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const add = (member: string, code: string, kind = 'amount') =>
  db
    .prepare(
      `INSERT INTO member_offers VALUES (?, ?, 'z', 'e', ?, 3000, 0, '2026-12-01', '2026-12-31', 'regular', 1)`,
    )
    .run(member, code, kind);

describe('0370-member-offers', () => {
  it('adds member_offers to a database at 300, keeping its outbox, one offer per (member, code)', () => {
    migrate(db, 350);
    db.exec(`INSERT INTO outbox_counters VALUES ('D1', 1, 7)`);
    expect(migrate(db, 370)).toEqual([370]);
    expect(currentVersion(db)).toBe(370);
    expect(db.raw.prepare('SELECT last_seq FROM outbox_counters').get()).toEqual({ last_seq: 7 });
    add('M000017', 'CMP0001-OFF');
    add('M000018', 'CMP0001-OFF');
    expect(() => add('M000017', 'CMP0001-OFF')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('', 'CMP0001-OFF')).toThrow(/CHECK/);
    expect(() => add('M000017', 'X', 'free-money')).toThrow(/CHECK/);
  });
});
