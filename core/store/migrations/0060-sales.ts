import type { Migration } from './types';

/**
 * Sales recorded at the kiosk. Payments hold the provider's reference, never a card number. The
 * points ledger is append-only (a trigger refuses UPDATE and DELETE): the balance is a sum, and a
 * correction is a new entry.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'sales',
  up(db) {
    db.exec(`
      CREATE TABLE sales (
        sale_id TEXT PRIMARY KEY,
        session_id TEXT REFERENCES sessions(session_id) ON DELETE SET NULL,
        store_id TEXT NOT NULL,
        member_id TEXT REFERENCES members(member_id),
        staff_id TEXT REFERENCES staff(staff_id),
        status TEXT NOT NULL CHECK (status IN ('completed', 'voided')),
        subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents >= 0),
        discount_cents INTEGER NOT NULL CHECK (discount_cents >= 0),
        total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sales_member ON sales(member_id) WHERE member_id IS NOT NULL;
      CREATE TABLE sale_lines (
        sale_id TEXT NOT NULL REFERENCES sales(sale_id),
        line_no INTEGER NOT NULL CHECK (line_no >= 1),
        sku TEXT NOT NULL,
        qty INTEGER NOT NULL CHECK (qty > 0),
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
        discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
        total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
        PRIMARY KEY (sale_id, line_no)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE payments (
        payment_id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales(sale_id),
        method TEXT NOT NULL CHECK (method IN ('wechat', 'alipay', 'unionpay', 'card', 'cash', 'counter', 'points')),
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        provider_ref TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'captured', 'refunded', 'failed')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_sale ON payments(sale_id);
      CREATE TABLE points_ledger (
        entry_id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        sale_id TEXT,
        delta INTEGER NOT NULL CHECK (delta <> 0),
        reason TEXT NOT NULL CHECK (reason IN ('earn', 'redeem', 'adjust', 'reversal')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX points_ledger_member ON points_ledger(member_id);
      CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
      CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
    `);
  },
};
