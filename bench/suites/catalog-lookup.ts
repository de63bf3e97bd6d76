/** Barcode look-up on a generated 1,000,000-variant catalog (median µs per look-up, hits and misses). */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog } from '../../core/catalog/lookup';
import { openDatabase, readOnly } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { tempDir } from '../../test/support/temp';
import { generateCatalog } from '../support/generate-catalog';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'catalog-lookup';

export async function run(): Promise<BenchRow[]> {
  const variants = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
  const dir = tempDir('kiosk-bench-');
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  try {
    migrate(db);
    const started = performance.now();
    const { gtins } = generateCatalog(db, variants);
    const buildMs = performance.now() - started;
    const catalog = createCatalog(readOnly(db), 'S001');
    const hits: number[] = [];
    const misses: number[] = [];
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      const code = gtins(Math.floor(Math.random() * variants));
      const t0 = performance.now();
      if (catalog.lookup(code)) found++;
      hits.push((performance.now() - t0) * 1000);
      const t1 = performance.now();
      catalog.lookup(gtins(variants + 1 + i));
      misses.push((performance.now() - t1) * 1000);
    }
    if (found !== hits.length)
      throw new Error(`only ${found} of ${hits.length} generated GTINs were found`);
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    return [
      {
        suite: name,
        metric: `lookup hit median (${variants.toLocaleString('en-US')} variants)`,
        value: round(median(hits), 2),
        unit: 'µs',
      },
      { suite: name, metric: 'lookup hit p99', value: round(percentile(hits, 99), 2), unit: 'µs' },
      { suite: name, metric: 'lookup miss median', value: round(median(misses), 2), unit: 'µs' },
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
    db.close();
    dir.remove();
  }
}
