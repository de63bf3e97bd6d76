import type { Migration } from './types';

/**
 * Past sales and try-ons (from the member system) for "complete the look" and personal picks.
 * `line_no` numbers the rows of one transaction or session in file order (the same item bought
 * twice is two lines). The sku indexes serve co-occurrence: "sessions with this sku" then "skus
 * of those sessions" by the primary key.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'history',
  up(db) {
    db.exec(`
      CREATE TABLE history_transactions (
        txn_id TEXT NOT NULL,
        line_no INTEGER NOT NULL,
        member_id TEXT,
        location_id TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('store', 'online', 'miniapp')),
        ts TEXT NOT NULL,
        sku TEXT NOT NULL,
        qty INTEGER NOT NULL CHECK (qty > 0),
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (txn_id, line_no)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX history_transactions_sku ON history_transactions(sku, txn_id);
      CREATE INDEX history_transactions_member ON history_transactions(member_id)
        WHERE member_id IS NOT NULL;
      CREATE TABLE history_tryons (
        session_id TEXT NOT NULL,
        line_no INTEGER NOT NULL,
        member_id TEXT,
        store_id TEXT NOT NULL,
        ts TEXT NOT NULL,
        sku TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('liked', 'rejected', 'size-swap', 'bought')),
        PRIMARY KEY (session_id, line_no)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX history_tryons_sku ON history_tryons(sku, session_id);
      CREATE INDEX history_tryons_member ON history_tryons(member_id) WHERE member_id IS NOT NULL;
    `);
  },
};
