import type { Migration } from './types';

/**
 * Campaign offers addressed to one member (`offers` of the member's `members` stream row): a
 * campaign coupon with the member's own validity window (their birthday month, or the campaign's
 * schedule). Kept apart from `coupons`, which every shopper is offered, so a campaign reaches only
 * the members it targets: the checkout adds these for the signed-in member and nobody else.
 * The cloud's list replaces the member's rows each time it arrives; no foreign key to `members`.
 */
export const migration0370: Migration = {
  version: 370,
  name: 'member-offers',
  up(db) {
    db.exec(`
      CREATE TABLE member_offers (
        member_id TEXT NOT NULL CHECK (length(member_id) > 0),
        code TEXT NOT NULL CHECK (length(code) > 0),
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('amount', 'percent', 'threshold', 'points_multiplier')),
        value INTEGER NOT NULL CHECK (value >= 0),
        min_spend_cents INTEGER NOT NULL CHECK (min_spend_cents >= 0),
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        min_tier TEXT NOT NULL,
        single_use INTEGER NOT NULL CHECK (single_use IN (0, 1)),
        PRIMARY KEY (member_id, code)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
