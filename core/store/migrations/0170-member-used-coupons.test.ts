import { describe, expect, it } from 'vitest';
import { insert, read, migratedKeepingOutbox } from './test-support';

describe('0170-member-used-coupons', () => {
  it('adds member_used_coupons to a database at 160, keeping its outbox, one row per (member, code)', () => {
    const db = migratedKeepingOutbox(170);
    const add = (member: string, code: string) =>
      insert(db, 'member_used_coupons', { member_id: member, coupon_code: code });
    add('M000017', 'WELCOME50');
    add('M000017', 'STORE30');
    add('M000018', 'WELCOME50');
    expect(() => add('M000017', 'WELCOME50')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('', 'WELCOME50')).toThrow(/CHECK/);
    expect(() => add('M000017', '')).toThrow(/CHECK/);
    expect(
      read(
        db,
        "SELECT coupon_code FROM member_used_coupons WHERE member_id = 'M000017' ORDER BY 1",
      ),
    ).toEqual([{ coupon_code: 'STORE30' }, { coupon_code: 'WELCOME50' }]);
  });
});
