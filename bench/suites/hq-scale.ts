/**
 * The HQ console at brand scale (issue 12): 500 stores, 10 M try-on events and ~3 M sale lines
 * generated inside PostgreSQL (bench/support/hq-data.ts, set-based SQL), then
 * - every HQ API call's median and p95 over real HTTP, as an analyst and as a store manager,
 *   for 28 days and a year;
 * - push throughput with and without the rollup upkeep triggers, in the same run;
 * - the console's first paint in Chromium;
 * - sizes of the events and the rollups.
 * PostgreSQL from DATABASE_URL (else a throwaway local cluster); PGlite at a smaller size is its
 * own suite (hq-pglite), so either can be re-measured alone.
 * HQ_BENCH_TRYONS sets the size; HQ_BENCH_REUSE=1 keeps and reuses the generated schema.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { buildCloudApp } from '../../cloud/app';
import type { Db } from '../../cloud/db/db';
import { migrate } from '../../cloud/db/migrate';
import { createPgDb } from '../../cloud/db/pg-db';
import { loadDemoStore } from '../../cloud/demo/load-demo-store';
import { createUser } from '../../cloud/hq/auth/users';
import { ADMIN, DEMO_DIR, type Cloud } from '../../cloud/test/harness';
import { startPgCluster } from '../../test/faults/support/pg-cluster';
import { measureApi, signIn } from '../support/hq-bench-api';
import { measurePushRatio, PUSH_PHASE, pushRatioRows } from '../support/hq-bench-push';
import { FULL_SIZE, generateHqData, type HqDataSize } from '../support/hq-data';
import { measureFirstPaint } from '../support/hq-first-paint';
import { round, type BenchRow } from '../support/stats';

export const name = 'hq-scale';
export const builds = ['hq'] as const;

const PASSWORD = 'bench-password-2026';
const MANAGED_STORE = 'B0001';
const env = process.env;

export function sizeFor(tryons: number, stores: number): HqDataSize {
  return {
    ...FULL_SIZE,
    stores,
    tryons,
    sales: Math.round(tryons * 0.12),
    members: Math.max(2000, Math.round(tryons / 50)),
  };
}

async function generated(db: Db): Promise<boolean> {
  const { rows: tables } = await db.query<{ t: string | null }>(
    "SELECT to_regclass('hq_users') AS t",
  );
  if (!tables[0]?.t) return false;
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM hq_users WHERE username = 'bench.manager'",
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

async function sizes(db: Db, kind: string): Promise<BenchRow[]> {
  if (kind !== 'pg') return [];
  const { rows } = await db.query<{ what: string; bytes: string }>(
    `SELECT CASE WHEN c.relname IN ('tryons', 'sales') THEN c.relname
                 WHEN c.relname LIKE 'hq\\_%' THEN 'hq rollups + facts' ELSE 'other' END AS what,
            sum(pg_total_relation_size(c.oid))::bigint AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm') GROUP BY 1 ORDER BY 1`,
  );
  const counts = await db.query<{ tryons: string; sales: string; lines: string; garments: string }>(
    `SELECT (SELECT count(*) FROM tryons) AS tryons, (SELECT count(*) FROM sales) AS sales,
            (SELECT sum(jsonb_array_length(body->'lines')) FROM sales) AS lines,
            (SELECT count(*) FROM hq_garments) AS garments`,
  );
  const c = counts.rows[0];
  return [
    ...rows.map((r) => row(kind, `size ${r.what}`, round(Number(r.bytes) / 2 ** 20, 0), 'MiB')),
    row(kind, 'try-on events', Number(c?.tryons ?? 0), 'rows'),
    row(kind, 'sales', Number(c?.sales ?? 0), 'rows'),
    row(kind, 'sale lines', Number(c?.lines ?? 0), 'rows'),
    row(kind, 'hq_garments (one per garment per visit)', Number(c?.garments ?? 0), 'rows'),
  ];
}

const row = (kind: string, metric: string, value: number, unit: string, note?: string) => ({
  suite: name,
  metric: `${kind} ${metric}`,
  value,
  unit,
  ...(note ? { note } : {}),
});

export async function measureOn(kind: 'pg' | 'pglite', db: Db, n: HqDataSize, reuse: boolean) {
  const rows: BenchRow[] = [];
  const label = `${kind} (${n.tryons.toLocaleString('en')} try-ons, ${n.stores} stores)`;
  const again = reuse && (await generated(db));
  await migrate(db); // a reused database gets the migrations added since it was generated
  if (!again) {
    await loadDemoStore(db, DEMO_DIR);
    console.error(`  generating ${label} …`);
    const t = await generateHqData(db, n);
    console.error(`  generated: ${JSON.stringify(t)}`);
    rows.push(
      row(kind, 'generate try-ons', round(n.tryons / (t.tryonsMs / 1000), 0), 'rows/s'),
      row(kind, 'generate sales', round(n.sales / (t.salesMs / 1000), 0), 'rows/s'),
      row(kind, 'recompute all rollups', round(t.recomputeMs / 1000, 1), 's'),
    );
    for (const [username, role, storeId] of [
      ['bench.analyst', 'analyst', null],
      ['bench.manager', 'store-manager', MANAGED_STORE],
    ] as const)
      await createUser(
        db,
        { username, displayName: username, role, storeId, password: PASSWORD },
        new Date(),
      );
  }
  rows.push(...(await sizes(db, kind)));
  const app = await buildCloudApp({
    db,
    adminToken: ADMIN,
    hq: { consoleDir: resolve(import.meta.dirname, '../../dist/hq') },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    console.error(`  API calls on ${label} …`);
    const sessions = [
      { role: 'analyst', cookie: await signIn(baseUrl, 'bench.analyst', PASSWORD) },
      { role: 'manager', cookie: await signIn(baseUrl, 'bench.manager', PASSWORD) },
    ];
    const samples = Number(env.HQ_BENCH_SAMPLES ?? (kind === 'pg' ? 10 : 5));
    const timings = await measureApi({ baseUrl, lastDay: n.lastDay, sessions, samples });
    for (const t of timings)
      rows.push(
        row(
          kind,
          `api p95 ${t.role} ${t.call} ${t.range}`,
          t.p95Ms,
          'ms',
          `median ${t.medianMs} ms`,
        ),
      );
    const worst = timings.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
    rows.push(
      row(kind, 'api worst p95', worst.p95Ms, 'ms', `${worst.role} ${worst.call} ${worst.range}`),
      row(
        kind,
        'api calls with p95 > 300 ms',
        timings.filter((t) => t.p95Ms > 300).length,
        `of ${timings.length}`,
      ),
    );
    if (kind === 'pg') {
      console.error('  console first paint …');
      const paint = await measureFirstPaint({
        baseUrl,
        username: 'bench.analyst',
        password: PASSWORD,
        hash: `#/overview?from=2026-09-03&to=${n.lastDay}`,
        runs: 7,
      });
      rows.push(
        row(
          kind,
          'console first contentful paint (median)',
          paint.fcpMedianMs,
          'ms',
          `p95 ${paint.fcpP95Ms} ms`,
        ),
        row(
          kind,
          'console overview numbers on screen (median)',
          paint.numbersMedianMs,
          'ms',
          `p95 ${paint.numbersP95Ms} ms`,
        ),
      );
    }
    console.error('  push with / without upkeep …');
    const cloud: Cloud = {
      db,
      app,
      clock: { ms: Date.now() },
      pgSchema: null,
      close: async () => {},
    };
    const push = await measurePushRatio(cloud, {
      storeId: MANAGED_STORE,
      ...PUSH_PHASE,
      rounds: kind === 'pg' ? 4 : 2,
    });
    rows.push(...pushRatioRows(push, (...args) => row(kind, ...args)));
  } finally {
    await app.close();
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const tryons = Number(env.HQ_BENCH_TRYONS ?? FULL_SIZE.tryons);
  const reuse = env.HQ_BENCH_REUSE === '1';
  const cluster = env.DATABASE_URL ? null : startPgCluster();
  const url = env.DATABASE_URL ?? cluster?.url;
  if (url) {
    const schema = `hq_bench_${tryons}`;
    if (!reuse) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
    const db = await createPgDb({ connectionString: url, schema });
    try {
      rows.push(...(await measureOn('pg', db, sizeFor(tryons, 500), reuse)));
    } finally {
      await db.close();
      cluster?.stop();
    }
  } else console.error('  no PostgreSQL: DATABASE_URL unset and no local cluster; PGlite only');
  return rows;
}
