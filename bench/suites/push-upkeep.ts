/**
 * What the HQ rollup upkeep costs a push (issue 12: ≤ 20 % of push throughput), alone and quickly:
 * a small generated brand (HQ_BENCH_PUSH_TRYONS try-ons, 20,000 by default, 20 stores), then one
 * kiosk pushing batches of 200 try-ons and sales with the upkeep triggers on and off, alternating
 * in one run (bench/support/hq-bench-push.ts). hq-scale and hq-pglite measure the same at their
 * sizes, after their HQ API calls; this suite is for before/after comparisons of the push path.
 * PGlite always; PostgreSQL too when DATABASE_URL is set or a throwaway cluster can be started.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildCloudApp } from '../../cloud/app';
import type { Db } from '../../cloud/db/db';
import { migrate } from '../../cloud/db/migrate';
import { createPgDb } from '../../cloud/db/pg-db';
import { createPgliteDb } from '../../cloud/db/pglite-db';
import { loadDemoStore } from '../../cloud/demo/load-demo-store';
import { ADMIN, DEMO_DIR } from '../../cloud/test/harness';
import { startPgCluster } from '../../test/faults/support/pg-cluster';
import { generateHqData } from '../support/hq-data';
import { measurePushRatio, PUSH_PHASE, pushRatioRows } from '../support/hq-bench-push';
import type { BenchRow } from '../support/stats';
import { sizeFor } from './hq-scale';

export const name = 'push-upkeep';

async function measure(kind: 'pg' | 'pglite', db: Db, tryons: number): Promise<BenchRow[]> {
  await migrate(db);
  await loadDemoStore(db, DEMO_DIR);
  await generateHqData(db, sizeFor(tryons, 20));
  const app = await buildCloudApp({ db, adminToken: ADMIN });
  try {
    const push = await measurePushRatio(
      { db, app, clock: { ms: Date.now() }, pgSchema: null, close: async () => {} },
      { storeId: 'B0001', ...PUSH_PHASE, rounds: 4 },
    );
    const label = `${kind} (${tryons.toLocaleString('en')} try-ons)`;
    return pushRatioRows(push, (metric, value, unit, note) => ({
      suite: name,
      metric: `${label} ${metric}`,
      value,
      unit,
      ...(note ? { note } : {}),
    }));
  } finally {
    await app.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const tryons = Number(process.env.HQ_BENCH_PUSH_TRYONS ?? 20_000);
  const lite = await createPgliteDb();
  const rows = await measure('pglite', lite, tryons).finally(() => lite.close());
  const cluster = process.env.DATABASE_URL ? null : startPgCluster();
  const url = process.env.DATABASE_URL ?? cluster?.url;
  if (!url) return rows;
  const schema = `push_upkeep_${randomBytes(4).toString('hex')}`;
  const db = await createPgDb({ connectionString: url, schema });
  try {
    rows.push(...(await measure('pg', db, tryons)));
  } finally {
    await db.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
    cluster?.stop();
  }
  return rows;
}
