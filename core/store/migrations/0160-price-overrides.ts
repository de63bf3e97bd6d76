import type { Migration } from './types';

/**
 * Staff price overrides kept with the sale they lowered: the line's shelf unit price, the new one
 * (never negative, always lower), the reason, who asked and which supervisor or manager approved.
 * `sale_lines.discount_cents` already includes the override; this table says why and by whom.
 */
export const migration0160: Migration = {
  version: 160,
  name: 'price-overrides',
  up(db) {
    db.exec(`
      CREATE TABLE sale_price_overrides (
        sale_id TEXT NOT NULL REFERENCES sales(sale_id),
        sku TEXT NOT NULL,
        from_cents INTEGER NOT NULL CHECK (from_cents > 0),
        to_cents INTEGER NOT NULL CHECK (to_cents >= 0 AND to_cents < from_cents),
        reason TEXT NOT NULL CHECK (reason IN ('damaged', 'price-match', 'other')),
        requested_by TEXT NOT NULL REFERENCES staff(staff_id),
        approved_by TEXT NOT NULL REFERENCES staff(staff_id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (sale_id, sku)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
