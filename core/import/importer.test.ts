import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDemoStore, demoStore } from '../../test/support/temp';

import { catalogFiles } from './catalog-files';
import { ImportError, importStoreFolder } from './importer';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
const count = (table: string) =>
  (db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const dataLines = (file: string) =>
  readFileSync(join(demoStore, file), 'utf8').trim().split('\n').length - 1;

beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

function importError(folder: string): ImportError {
  try {
    importStoreFolder(db, folder, catalogFiles);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('import unexpectedly succeeded');
}

describe('importStoreFolder', () => {
  it('imports every row of the demo store catalog', () => {
    const reports = importStoreFolder(db, demoStore, catalogFiles);
    expect(count('products')).toBe(dataLines('products.csv'));
    expect(count('variants')).toBe(dataLines('variants.csv'));
    expect(count('stock')).toBe(dataLines('stock.csv'));
    expect(count('stores')).toBe(dataLines('stores.csv'));
    expect(reports.every((r) => r.changed === r.rows)).toBe(true);
  });

  it('changes nothing when the same folder is imported twice', () => {
    importStoreFolder(db, demoStore, catalogFiles);
    const before = db.raw.prepare('SELECT total_changes() AS n').get() as { n: number };
    const reports = importStoreFolder(db, demoStore, catalogFiles);
    const after = db.raw.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(reports.map((r) => r.changed)).toEqual([0, 0, 0, 0]);
    expect(after.n).toBe(before.n);
  });

  it('updates only the rows that changed', () => {
    importStoreFolder(db, demoStore, catalogFiles);
    const store = copyDemoStore(db.dir);
    const file = join(store, 'variants.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'DRE001-WHT-XS,DRE001,6970001000016,WHT,白色,White,XS,78900',
        'DRE001-WHT-XS,DRE001,6970001000016,WHT,白色,White,XS,69900',
      ),
    );
    const reports = importStoreFolder(db, store, catalogFiles);
    expect(reports.find((r) => r.file === 'variants.csv')?.changed).toBe(1);
  });

  it('reports every bad row with file, line and field, and writes nothing', () => {
    const store = copyDemoStore(db.dir);
    appendFileSync(
      join(store, 'variants.csv'),
      'BAD-1,DRE001,6970001000017,WHT,白色,White,XS,78900\nBAD-2,DRE001,6970001009999,WHT,白色,White,XS,-5\n',
    );
    appendFileSync(join(store, 'products.csv'), 'X1,名,Name,dress,Q,,SS26,100,full\n');
    const error = importError(store);
    const variantLines = dataLines('variants.csv') + 2;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'variants.csv',
          line: variantLines,
          field: 'gtin',
          message: 'has a wrong check digit',
        }),
        expect.objectContaining({
          file: 'variants.csv',
          line: variantLines + 1,
          field: 'price_cents',
        }),
        expect.objectContaining({
          file: 'products.csv',
          line: dataLines('products.csv') + 2,
          field: 'gender',
        }),
      ]),
    );
    expect(error.message).toMatch(/variants\.csv:\d+ gtin: has a wrong check digit/);
    expect(count('variants')).toBe(0);
  });

  it('rolls back everything when a row breaks a cross-file rule, naming its line', () => {
    const store = copyDemoStore(db.dir);
    appendFileSync(join(store, 'stock.csv'), 'NO-SUCH-SKU,S001,3\n');
    const error = importError(store);
    expect(error.problems).toEqual([
      expect.objectContaining({ file: 'stock.csv', line: dataLines('stock.csv') + 2 }),
    ]);
    expect(count('products')).toBe(0);
  });

  it('reports a missing file, a missing column, a duplicate key and a broken CSV', () => {
    const store = copyDemoStore(db.dir);
    rmSync(join(store, 'stores.csv'));
    writeFileSync(join(store, 'products.csv'), 'style_id,name_zh\nA,b\n');
    appendFileSync(join(store, 'stock.csv'), 'DRE001-WHT-XS,S001,9\n');
    appendFileSync(join(store, 'variants.csv'), '"unterminated,DRE001\n');
    const problems = importError(store).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'stores.csv', message: 'file is missing' }),
        expect.objectContaining({
          file: 'products.csv',
          line: 1,
          message: expect.stringMatching(/lacks column/),
        }),
        expect.objectContaining({ file: 'stock.csv', message: 'duplicates line 2' }),
        expect.objectContaining({
          file: 'variants.csv',
          message: expect.stringMatching(/never closed/),
        }),
      ]),
    );
  });
});
