import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../db';
import { databaseAt, inserter, migrateTo, read } from './test-support';

function seedSale(db: WritableDB): void {
  db.exec(`
    INSERT INTO stores VALUES ('S001', '店', 'Store', 'SH', 'Asia/Shanghai');
    INSERT INTO staff (staff_id, name, role, badge_hash, store_id, pin_hash, pin_salt, pin_params)
      VALUES ('E1', 'A', 'associate', x'01', 'S001', x'00', x'00', '{}'),
             ('E2', 'B', 'supervisor', x'02', 'S001', x'00', x'00', '{}');
    INSERT INTO sales (sale_id, session_id, store_id, member_id, staff_id, status, subtotal_cents,
      discount_cents, total_cents, created_at) VALUES ('SALE1', NULL, 'S001', NULL, 'E2',
      'completed', 78900, 18900, 60000, 't');
  `);
}

describe('0160-price-overrides', () => {
  it('adds sale_price_overrides to a database at 150 and checks price, reason and staff', () => {
    const db = databaseAt(150);
    migrateTo(db, 160);
    seedSale(db);
    const add = inserter(db, 'sale_price_overrides', {
      sale_id: 'SALE1',
      from_cents: 78900,
      reason: 'damaged',
      requested_by: 'E1',
      approved_by: 'E2',
      created_at: 't',
    });
    add({ sku: 'A-BLK-M', to_cents: 60000 });
    expect(() => add({ sku: 'A-BLK-M', to_cents: 50000 })).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add({ sku: 'B', to_cents: 78900 })).toThrow(/CHECK/); // not a reduction
    expect(() => add({ sku: 'C', to_cents: 90000 })).toThrow(/CHECK/); // above the shelf price
    expect(() => add({ sku: 'D', to_cents: -1 })).toThrow(/CHECK/); // negative
    expect(() => add({ sku: 'E', to_cents: 100, reason: 'because' })).toThrow(/CHECK/);
    expect(() => add({ sku: 'F', to_cents: 100, approved_by: 'NOBODY' })).toThrow(/FOREIGN KEY/);
    add({ sku: 'G', to_cents: 0, reason: 'price-match' });
    expect(read(db, 'SELECT sku, to_cents FROM sale_price_overrides ORDER BY sku')).toEqual([
      { sku: 'A-BLK-M', to_cents: 60000 },
      { sku: 'G', to_cents: 0 },
    ]);
  });
});
