import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import { currentVersion, migrate } from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

function seedSale(): void {
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

const add = (sku: string, from: number, to: number, reason = 'damaged', approver = 'E2') =>
  db
    .prepare(
      `INSERT INTO sale_price_overrides (sale_id, sku, from_cents, to_cents, reason, requested_by,
         approved_by, created_at) VALUES ('SALE1', ?, ?, ?, ?, 'E1', ?, 't')`,
    )
    .run(sku, from, to, reason, approver);

describe('0160-price-overrides', () => {
  it('adds sale_price_overrides to a database at 150 and checks price, reason and staff', () => {
    migrate(db, 150);
    expect(currentVersion(db)).toBe(150);
    expect(migrate(db, 160)).toEqual([160]);
    seedSale();
    add('A-BLK-M', 78900, 60000);
    expect(() => add('A-BLK-M', 78900, 50000)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('B', 78900, 78900)).toThrow(/CHECK/); // not a reduction
    expect(() => add('C', 78900, 90000)).toThrow(/CHECK/); // above the shelf price
    expect(() => add('D', 78900, -1)).toThrow(/CHECK/); // negative
    expect(() => add('E', 78900, 100, 'because')).toThrow(/CHECK/);
    expect(() => add('F', 78900, 100, 'damaged', 'NOBODY')).toThrow(/FOREIGN KEY/);
    add('G', 78900, 0, 'price-match');
    expect(
      db.raw.prepare('SELECT sku, to_cents FROM sale_price_overrides ORDER BY sku').all(),
    ).toEqual([
      { sku: 'A-BLK-M', to_cents: 60000 },
      { sku: 'G', to_cents: 0 },
    ]);
  });
});
