import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../test/support/temp';
import { createCatalog, type Catalog } from '../core/catalog/lookup';
import { catalogFiles } from '../core/import/catalog-files';
import { importStoreFolder } from '../core/import/importer';
import { openDatabase, readOnly, type WritableDB } from '../core/store/db';
import { migrate } from '../core/store/migrations';
import { interpretScan, printable } from './scan';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
let catalog: Catalog;
const at = new Date('2026-11-24T10:00:00Z');
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  importStoreFolder(db, demoStore, catalogFiles);
  catalog = createCatalog(readOnly(db), 'S001');
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('interpretScan', () => {
  it('turns a demo GTIN into a product event', () => {
    const event = interpretScan('scanner-1', bytes('6970001000016'), at, catalog);
    expect(event).toMatchObject({
      outcome: 'product',
      kind: 'gtin',
      code: '06970001000016',
      product: { sku: 'DRE001-WHT-XS', stockHere: 3 },
    });
  });

  it('reports a valid GTIN this store does not sell as not-found', () => {
    expect(interpretScan('s', bytes('4006381333931'), at, catalog)).toMatchObject({
      outcome: 'not-found',
      product: null,
    });
  });

  it('accepts a store SKU label typed as text', () => {
    expect(interpretScan('s', bytes('DRE001-WHT-S'), at, catalog)).toMatchObject({
      outcome: 'product',
      kind: 'sku',
    });
  });

  it('calls garbage invalid, with printable text and no long digit runs', () => {
    const event = interpretScan('s', Uint8Array.from([0x00, 0xff, 0x1d, 0x41]), at, catalog);
    expect(event.outcome).toBe('invalid');
    expect(event.text).toBe('·�<GS>A');
    const card = interpretScan('s', bytes('x4111111111111111x'), at, catalog);
    expect(card.text).not.toContain('4111111111111111');
  });

  it('bounds printable text', () => {
    expect(printable(bytes('a'.repeat(500)))).toHaveLength(65);
  });
});
