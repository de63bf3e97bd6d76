import { describe, expect, it } from 'vitest';
import { setCatalogCodeStore } from '../../catalog/codes';
import type { WritableDB } from '../db';
import { databaseAt, migrateTo } from './test-support';

/** The database of the running test. */
let db: WritableDB;

/** What the look-up must equal: the join of variants, products and S001's stock. */
const joined = () =>
  db.raw
    .prepare(
      `SELECT CAST(v.gtin AS INTEGER) AS gtin, v.sku, v.style_id, p.name_zh, p.name_en, v.color_code,
         v.color_zh, v.color_en, v.size, v.price_cents, p.list_price_cents,
         coalesce(s.on_hand, 0) AS stock_here
       FROM variants v JOIN products p ON p.style_id = v.style_id
       LEFT JOIN stock s ON s.sku = v.sku AND s.location_id = 'S001' ORDER BY 1`,
    )
    .all();
const codes = () => db.raw.prepare('SELECT * FROM catalog_codes ORDER BY gtin').all();

function seed(): void {
  db.exec(`
    INSERT INTO products VALUES ('P1', '裙', 'Dress', 'dress', 'F', '', 'SS', 59900, 'top');
    INSERT INTO products VALUES ('P2', '裤', 'Trousers', 'trousers', 'M', '', 'SS', 39900, 'bottom');
    INSERT INTO variants VALUES ('P1-W-S', 'P1', '06970001000016', 'W', '白', 'White', 'S', 59900);
    INSERT INTO variants VALUES ('P1-W-M', 'P1', '06970001000023', 'W', '白', 'White', 'M', 59900);
    INSERT INTO stock VALUES ('P1-W-S', 'S001', 3), ('P1-W-S', 'S002', 7);
  `);
}

describe('0340-catalog-codes', () => {
  it('fills catalog_codes from the catalog already there (stock 0 until the store is set)', () => {
    db = databaseAt(330);
    seed();
    migrateTo(db, 340);
    expect(codes()).toEqual(joined().map((r) => ({ ...(r as object), stock_here: 0 })));
    expect(setCatalogCodeStore(db, 'S001')).toBe(true);
    expect(codes()).toEqual(joined());
    expect(setCatalogCodeStore(db, 'S001')).toBe(false);
  });

  it('keeps catalog_codes equal to the join through every kind of catalog write', () => {
    db = databaseAt(340);
    setCatalogCodeStore(db, 'S001');
    seed();
    expect(codes()).toEqual(joined());
    const steps = [
      "UPDATE variants SET price_cents = 49900 WHERE sku = 'P1-W-S'",
      "UPDATE variants SET gtin = '00000096385074' WHERE sku = 'P1-W-M'",
      "UPDATE products SET name_en = 'Long dress', list_price_cents = 69900 WHERE style_id = 'P1'",
      "INSERT INTO stock VALUES ('P1-W-M', 'S001', 4)",
      "INSERT INTO stock VALUES ('P1-W-M', 'S003', 9)",
      "INSERT INTO stock VALUES ('P1-W-S', 'S001', 5) ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand",
      "UPDATE stock SET location_id = 'S009' WHERE sku = 'P1-W-M' AND location_id = 'S001'",
      "UPDATE stock SET location_id = 'S001' WHERE sku = 'P1-W-M' AND location_id = 'S003'",
      "DELETE FROM stock WHERE sku = 'P1-W-S' AND location_id = 'S001'",
      "INSERT INTO variants VALUES ('P2-B-L', 'P2', '06970001000030', 'B', '黑', 'Black', 'L', 39900)",
      "INSERT INTO stock VALUES ('P2-B-L', 'S001', 1)",
      "DELETE FROM stock WHERE sku = 'P2-B-L'",
      "DELETE FROM variants WHERE sku = 'P2-B-L'",
    ];
    for (const sql of steps) {
      db.exec(sql);
      expect(codes(), sql).toEqual(joined());
    }
    expect(setCatalogCodeStore(db, 'S002')).toBe(true);
    expect(
      db.raw.prepare("SELECT stock_here FROM catalog_codes WHERE sku = 'P1-W-S'").get(),
    ).toEqual({ stock_here: 7 });
  });

  it('a write that fails leaves catalog_codes as it was', () => {
    db = databaseAt(340);
    seed();
    const before = codes();
    expect(() =>
      db.exec(
        "INSERT INTO variants VALUES ('X', 'NOPE', '06970001000047', 'W', '白', 'W', 'S', 1)",
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(
        "INSERT INTO variants VALUES ('P1-W-L', 'P1', '06970001000016', 'W', '白', 'W', 'L', 1)",
      ),
    ).toThrow(/UNIQUE/);
    expect(codes()).toEqual(before);
  });
});
