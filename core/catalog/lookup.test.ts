import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoStore } from '../../test/support/temp';
import { catalogFiles } from '../import/catalog-files';
import { importStoreFolder } from '../import/importer';
import { openDatabase, readOnly, ReadOnlyStatementError } from '../store/db';
import { gs1CheckDigitValid, toGtin14 } from './gtin';
import { setCatalogCodeStore } from './codes';
import { createCatalog, type Catalog } from './lookup';
import { openSharedReads } from '../store/shared-reads';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
let catalog: Catalog;

beforeAll(() => {
  db = openTestDb();
  const store = copyDemoStore(db.dir);
  // A UPC-A (GTIN-12) and an EAN-8 labelled variant, as imported goods carry.
  appendFileSync(
    join(store, 'variants.csv'),
    'DRE001-RED-M,DRE001,036000291452,RED,红色,Red,M,78900\nDRE001-RED-L,DRE001,96385074,RED,红色,Red,L,78900\n',
  );
  appendFileSync(join(store, 'stock.csv'), 'DRE001-RED-M,S001,2\n');
  setCatalogCodeStore(db, 'S001');
  importStoreFolder(db, store, catalogFiles);
  catalog = createCatalog(readOnly(db), 'S001');
});
afterAll(() => db.close());

describe('catalog.lookup', () => {
  it('finds an EAN-13 by its 13- and 14-digit forms, with the name, colour, size, price and stock here', () => {
    const item = catalog.lookup('6970001000016');
    expect(item).toMatchObject({
      sku: 'DRE001-WHT-XS',
      nameZh: '防泼水连衣裙',
      nameEn: 'Water-repellent dress',
      colorEn: 'White',
      size: 'XS',
      priceCents: 78900,
      stockHere: 3,
    });
    expect(catalog.lookup('06970001000016')?.sku).toBe('DRE001-WHT-XS');
  });

  it('finds a UPC-A by 12 and 14 digits and an EAN-8 by 8 and 14 digits', () => {
    expect(catalog.lookup('036000291452')?.sku).toBe('DRE001-RED-M');
    expect(catalog.lookup('00036000291452')?.sku).toBe('DRE001-RED-M');
    expect(catalog.lookup('96385074')?.sku).toBe('DRE001-RED-L');
    expect(catalog.lookup('00000096385074')?.sku).toBe('DRE001-RED-L');
  });

  it('reports 0 in stock when this store has no stock row', () => {
    expect(catalog.lookup('96385074')?.stockHere).toBe(0);
  });

  it('finds a variant by SKU, case-insensitively, and nothing for unknown codes', () => {
    expect(catalog.lookup('dre001-wht-s')?.gtin).toBe('06970001000023');
    expect(catalog.lookup('4006381333931')).toBeNull();
    expect(catalog.lookup('')).toBeNull();
    expect(catalog.lookup('x'.repeat(500))).toBeNull();
  });

  it('gives stock of the kiosk’s own store', () => {
    expect(createCatalog(readOnly(db), 'S002').lookup('6970001000016')?.stockHere).toBe(6);
  });

  it('answers every GTIN from catalog_codes exactly as the join of variants, products and stock does', () => {
    const gtins = db.raw.prepare('SELECT gtin FROM variants').pluck().all() as string[];
    expect(gtins.length).toBeGreaterThan(2000);
    // S002 has no catalog_codes of its own: that catalog answers through the join.
    const joined = createCatalog(readOnly(db), 'S002');
    const stockS001 = db.prepareRead<[string], { on_hand: number }>(
      "SELECT on_hand FROM stock WHERE sku = ? AND location_id = 'S001'",
    );
    for (const gtin of gtins) {
      const fast = catalog.lookup(gtin);
      const slow = joined.lookup(gtin);
      expect(fast).toEqual({ ...slow, stockHere: stockS001.get(slow?.sku ?? '')?.on_hand ?? 0 });
    }
  });

  it('refuses a write through the read handle', () => {
    expect(() => readOnly(db).prepareRead('DELETE FROM variants')).toThrow(ReadOnlyStatementError);
  });
});

describe('gtin helpers', () => {
  it('validates GS1 check digits and pads to 14 digits', () => {
    expect(gs1CheckDigitValid('6970001000016')).toBe(true);
    expect(gs1CheckDigitValid('6970001000017')).toBe(false);
    expect(gs1CheckDigitValid('96385074')).toBe(true);
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('123456789')).toBeNull();
  });
});

describe('catalog.lookup on shared read snapshots', () => {
  it('sees this process’s writes at once, its open transaction, and other processes’ from the next turn', async () => {
    const shared = openSharedReads(db);
    if (!shared) throw new Error('a file database has shared reads');
    const other = openDatabase(db.file);
    try {
      const fast = createCatalog(readOnly(db), 'S001', shared);
      const code = '6970001000016';
      const stockOf = () => fast.lookup(code)?.stockHere;
      expect(stockOf()).toBe(3);
      db.exec("UPDATE stock SET on_hand = 11 WHERE sku = 'DRE001-WHT-XS' AND location_id = 'S001'");
      expect(stockOf()).toBe(11);
      db.transaction(() => {
        db.exec(
          "UPDATE stock SET on_hand = 12 WHERE sku = 'DRE001-WHT-XS' AND location_id = 'S001'",
        );
        expect(stockOf()).toBe(12);
      });
      expect(stockOf()).toBe(12);
      other.exec(
        "UPDATE stock SET on_hand = 13 WHERE sku = 'DRE001-WHT-XS' AND location_id = 'S001'",
      );
      expect(stockOf()).toBe(12); // same turn: the snapshot taken before the other commit
      await new Promise((resolve) => setImmediate(resolve));
      expect(stockOf()).toBe(13);
      expect(fast.lookup('dre001-wht-xs')?.stockHere).toBe(13);
      db.exec("UPDATE stock SET on_hand = 3 WHERE sku = 'DRE001-WHT-XS' AND location_id = 'S001'");
      // a snapshot left open to the end of the turn does not keep a checkpoint from finishing
      await new Promise((resolve) => setImmediate(resolve));
      expect(db.raw.pragma('wal_checkpoint(TRUNCATE)')).toEqual([
        { busy: 0, log: 0, checkpointed: 0 },
      ]);
    } finally {
      other.close();
      shared.close();
    }
  });
});
