/**
 * The members stream carries each member's used single-use coupons (`usedCoupons`), looked up by
 * member every time a member row is served; the unique index leads with the coupon code, so the
 * lookup needs its own index by member.
 */
export const sql = `
CREATE INDEX coupon_redemptions_member ON coupon_redemptions (member_id) WHERE single_use;
`;
