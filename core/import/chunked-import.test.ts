import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCatalogFolder } from '../../bench/support/catalog-folder';
import { tempDir } from '../../test/support/temp';
import { openDatabase, type WritableDB } from '../store/db';
import { migrate } from '../store/migrations';
import { catalogFiles } from './catalog-files';
import { ImportInterrupted, importStoreFolderChunked, type ImportProgress } from './chunked-import';
import { lastImportRun } from './import-progress';
import { ImportError } from './importer';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
let folder: string;
const VARIANTS = 2_000;
// stores 3 + products 100 + variants + stock
const TOTAL = 3 + VARIANTS / 20 + 2 * VARIANTS;

beforeEach(async () => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  folder = join(dir.path, 'store');
  await writeCatalogFolder(folder, VARIANTS);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const count = (table: string) =>
  db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;

/** Aborts once `chunks` chunks are applied. */
function abortAfter(chunks: number) {
  const controller = new AbortController();
  const seen: ImportProgress[] = [];
  return {
    signal: controller.signal,
    seen,
    onProgress(p: ImportProgress) {
      seen.push(p);
      if (p.phase === 'apply' && p.done >= chunks * 500) controller.abort();
    },
  };
}

describe('a chunked import', () => {
  it('refuses a row only the database can judge before any chunk commits: nothing changes', async () => {
    // a variant of a style no file and no table has: the foreign key fails in the rehearsal
    appendFileSync(
      join(folder, 'variants.csv'),
      'ORPHAN-BLK-M,NOSUCH,6900000999998,BLK,黑色,Black,M,19900\n',
    );
    const error = await importStoreFolderChunked(db, folder, catalogFiles, {
      chunkRows: 500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(String(error)).toMatch(/import refused, nothing was changed \(1 problem/);
    expect(String(error)).toMatch(/variants\.csv:2002: FOREIGN KEY/);
    expect([count('stores'), count('products'), count('variants'), count('stock')]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(lastImportRun(db)).toMatchObject({ rehearsed: false, rowsApplied: 0, chunksApplied: 0 });
  });

  it('does without a rehearsal when every row fits in one chunk: that chunk is all or nothing', async () => {
    appendFileSync(
      join(folder, 'variants.csv'),
      'ORPHAN-BLK-M,NOSUCH,6900000999998,BLK,黑色,Black,M,19900\n',
    );
    const seen: ImportProgress[] = [];
    const error = await importStoreFolderChunked(db, folder, catalogFiles, {
      onProgress: (p) => seen.push(p),
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/import refused, nothing was changed \(1 problem/);
    expect(seen.some((p) => p.phase === 'rehearse')).toBe(false);
    expect([count('stores'), count('variants')]).toEqual([0, 0]);
  });

  it('stops between chunks when asked and goes on from there; a changed folder starts over', async () => {
    const first = abortAfter(3);
    const stopped = await importStoreFolderChunked(db, folder, catalogFiles, {
      chunkRows: 500,
      ...first,
    }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ImportInterrupted);
    expect(lastImportRun(db)).toMatchObject({ rowsApplied: 1500, chunksApplied: 3 });
    expect(count('variants')).toBe(1500 - 103);
    // phases in order: check, rehearse, then apply from 0
    expect([...new Set(first.seen.map((p) => p.phase))]).toEqual(['check', 'rehearse', 'apply']);

    // the same folder: no rehearsal, the apply resumes at 1,500
    const second = abortAfter(6);
    await importStoreFolderChunked(db, folder, catalogFiles, { chunkRows: 500, ...second }).catch(
      (e: unknown) => e,
    );
    expect(second.seen.some((p) => p.phase === 'rehearse')).toBe(false);
    expect(second.seen.find((p) => p.phase === 'apply')).toMatchObject({
      done: 1500,
      resumedFrom: 1500,
      total: TOTAL,
    });
    expect(lastImportRun(db)).toMatchObject({ rowsApplied: 3000, chunksApplied: 6 });

    // a changed folder: its own run, from the first row (what is there stays, and is upserted)
    appendFileSync(join(folder, 'stock.csv'), 'G0000000-BLK-XS,S002,7\n');
    const done = await importStoreFolderChunked(db, folder, catalogFiles, { chunkRows: 500 });
    expect(done.resumedFrom).toBe(0);
    expect(done.run).toMatchObject({
      rowsApplied: TOTAL + 1,
      chunksApplied: Math.ceil((TOTAL + 1) / 500),
    });
    expect([count('variants'), count('stock')]).toEqual([VARIANTS, VARIANTS + 1]);
    expect(lastImportRun(db)).toMatchObject({ finished: true });
    // rows the stopped runs applied were already there: only the rest changed
    const changed = (file: string) => done.reports.find((r) => r.file === file)?.changed;
    // 3,000 rows were stores, products, every variant and the first 897 stock rows
    expect(changed('variants.csv')).toBe(0);
    expect(changed('stock.csv')).toBe(VARIANTS + 1 - 897);
  });

  it('imports a finished folder again as a new run that changes nothing', async () => {
    await importStoreFolderChunked(db, folder, catalogFiles, { chunkRows: 500 });
    const again = await importStoreFolderChunked(db, folder, catalogFiles, { chunkRows: 500 });
    expect(again.resumedFrom).toBe(0);
    expect(again.reports.reduce((sum, r) => sum + r.changed, 0)).toBe(0);
    expect(again.run.chunksApplied).toBe(Math.ceil(TOTAL / 500));
  });
});
