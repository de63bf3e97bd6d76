/**
 * The HQ bench (hq-scale) on PGlite, the embedded database of a laptop or a small brand's cloud,
 * at a smaller size: 500,000 try-ons across 50 stores by default (HQ_BENCH_PGLITE_TRYONS).
 * 10 M in one WASM process is impractical here: generating and recomputing them alone would take
 * over an hour on this machine and the database lives in the bench's memory.
 */
import { createPgliteDb } from '../../cloud/db/pglite-db';
import type { BenchRow } from '../support/stats';
import { measureOn, sizeFor } from './hq-scale';

export const name = 'hq-pglite';

export async function run(): Promise<BenchRow[]> {
  const lite = await createPgliteDb();
  try {
    const tryons = Number(process.env.HQ_BENCH_PGLITE_TRYONS ?? 500_000);
    return (await measureOn('pglite', lite, sizeFor(tryons, 50), false)).map((row) => ({
      ...row,
      suite: name,
    }));
  } finally {
    await lite.close();
  }
}
