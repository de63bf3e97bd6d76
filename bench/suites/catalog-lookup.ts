/**
 * Barcode look-up on a generated 1,000,000-variant catalog (median µs per look-up, hits and misses):
 * through `catalog_codes` on shared read snapshots (what the kiosk does), a lone look-up that opens
 * its own snapshot (a single scan after a quiet moment), and the old join, for comparison.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setCatalogCodeStore } from '../../core/catalog/codes';
import { createCatalog, type Catalog } from '../../core/catalog/lookup';
import { openDatabase, readOnly } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { openSharedReads } from '../../core/store/shared-reads';
import { tempDir } from '../../test/support/temp';
import { generateCatalog } from '../support/generate-catalog';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'catalog-lookup';

function timeLookups(catalog: Catalog, codes: (i: number) => string, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = codes(i);
    const t0 = performance.now();
    catalog.lookup(code);
    times.push((performance.now() - t0) * 1000);
  }
  return times;
}

export async function run(): Promise<BenchRow[]> {
  const variants = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
  const dir = tempDir('kiosk-bench-');
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  const shared = openSharedReads(db);
  try {
    migrate(db);
    setCatalogCodeStore(db, 'S001');
    const started = performance.now();
    const { gtins } = generateCatalog(db, variants);
    const buildMs = performance.now() - started;
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const catalog = createCatalog(readOnly(db), 'S001', shared);
    const random = () => gtins(Math.floor(Math.random() * variants));
    // A hit and a miss alternate, as in the old bench; every hit must be found.
    const hits: number[] = [];
    const misses: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const code = random();
      const t0 = performance.now();
      const found = catalog.lookup(code);
      hits.push((performance.now() - t0) * 1000);
      if (!found) throw new Error(`generated GTIN ${code} was not found`);
      const t1 = performance.now();
      catalog.lookup(gtins(variants + 1 + i));
      misses.push((performance.now() - t1) * 1000);
    }
    // One look-up per turn of the event loop: each opens its own read snapshot.
    const lone: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      lone.push(...timeLookups(catalog, random, 1));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The join of variants, products and stock (the look-up before catalog_codes), per statement.
    const joinedHits = timeLookups(createCatalog(readOnly(db), 'S002'), random, 20_000);
    return [
      {
        suite: name,
        metric: `lookup hit median (${variants.toLocaleString('en-US')} variants)`,
        value: round(median(hits), 2),
        unit: 'µs',
        note: 'catalog_codes, look-ups sharing a read snapshot',
      },
      { suite: name, metric: 'lookup hit p99', value: round(percentile(hits, 99), 2), unit: 'µs' },
      { suite: name, metric: 'lookup miss median', value: round(median(misses), 2), unit: 'µs' },
      {
        suite: name,
        metric: 'lone lookup median (opens its own snapshot)',
        value: round(median(lone), 2),
        unit: 'µs',
      },
      {
        suite: name,
        metric: 'join lookup hit median (before: variants ⋈ products ⋈ stock)',
        value: round(median(joinedHits), 2),
        unit: 'µs',
      },
      {
        suite: name,
        metric: 'catalog build (one transaction)',
        value: round(buildMs / 1000, 2),
        unit: 's',
      },
      {
        suite: name,
        metric: 'database size',
        value: round(statSync(join(dir.path, 'kiosk.db')).size / 1e6, 1),
        unit: 'MB',
      },
    ];
  } finally {
    shared?.close();
    db.close();
    dir.remove();
  }
}
