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

const add = (member: string, code: string) =>
  db
    .prepare('INSERT INTO member_used_coupons (member_id, coupon_code) VALUES (?, ?)')
    .run(member, code);

describe('0170-member-used-coupons', () => {
  it('adds member_used_coupons to a database at 160, keeping its outbox, one row per (member, code)', () => {
    migrate(db, 160);
    db.exec(`INSERT INTO outbox_counters VALUES ('D1', 1, 7)`);
    expect(migrate(db, 170)).toEqual([170]);
    expect(currentVersion(db)).toBe(170);
    expect(db.raw.prepare('SELECT last_seq FROM outbox_counters').get()).toEqual({ last_seq: 7 });
    add('M000017', 'WELCOME50');
    add('M000017', 'STORE30');
    add('M000018', 'WELCOME50');
    expect(() => add('M000017', 'WELCOME50')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('', 'WELCOME50')).toThrow(/CHECK/);
    expect(() => add('M000017', '')).toThrow(/CHECK/);
    expect(
      db.raw
        .prepare(
          "SELECT coupon_code FROM member_used_coupons WHERE member_id = 'M000017' ORDER BY 1",
        )
        .all(),
    ).toEqual([{ coupon_code: 'STORE30' }, { coupon_code: 'WELCOME50' }]);
  });
});
