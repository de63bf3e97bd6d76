import type { Migration } from './types';

/**
 * Single-use coupons each member has already used anywhere in the chain, as the cloud reports
 * them (`usedCoupons` of a `members` stream row or an online lookup). The checkout leaves these
 * out of the coupons it offers, so a coupon used at another kiosk is not offered here again.
 * The cloud's list replaces the member's rows each time it arrives; no foreign key to `members`
 * so a list never blocks the member row it came with.
 */
export const migration0170: Migration = {
  version: 170,
  name: 'member-used-coupons',
  up(db) {
    db.exec(`
      CREATE TABLE member_used_coupons (
        member_id TEXT NOT NULL CHECK (length(member_id) > 0),
        coupon_code TEXT NOT NULL CHECK (length(coupon_code) > 0),
        PRIMARY KEY (member_id, coupon_code)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
