import type { Migration } from './types';

/**
 * Orders placed at a screen when the wanted size is not here: reserved in another store (picked up
 * there) or shipped from online stock (home delivery or pickup here). Recorded offline; the
 * `placeOrder` outbox entry commits in the same transaction and syncs like a sale.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        session_id TEXT,
        store_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reserve-in-store', 'ship-from-online')),
        from_location TEXT NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('pickup-there', 'pickup-here', 'home')),
        sku TEXT NOT NULL,
        qty INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 99),
        member_id TEXT,
        status TEXT NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'confirmed', 'cancelled')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX orders_member ON orders(member_id, created_at);
    `);
  },
};
