import type { Migration } from './types';

/** Reference data from the member system: sales channels, membership tiers, coupon definitions. */
export const migration0020: Migration = {
  version: 20,
  name: 'reference',
  up(db) {
    db.exec(`
      CREATE TABLE channels (
        channel_id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL
      ) STRICT;
      CREATE TABLE tiers (
        tier TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        discount_pct REAL NOT NULL CHECK (discount_pct >= 0 AND discount_pct <= 100),
        points_per_yuan INTEGER NOT NULL CHECK (points_per_yuan >= 0),
        min_annual_spend_yuan INTEGER NOT NULL CHECK (min_annual_spend_yuan >= 0)
      ) STRICT;
      CREATE TABLE coupons (
        code TEXT PRIMARY KEY,
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('amount', 'percent', 'threshold', 'points_multiplier')),
        value INTEGER NOT NULL CHECK (value >= 0),
        min_spend_cents INTEGER NOT NULL CHECK (min_spend_cents >= 0),
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        min_tier TEXT NOT NULL REFERENCES tiers(tier),
        single_use INTEGER NOT NULL CHECK (single_use IN (0, 1)),
        CHECK (valid_from <= valid_to)
      ) STRICT;
    `);
  },
};
