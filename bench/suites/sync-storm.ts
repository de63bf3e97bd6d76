/**
 * Reconnect storm (issue 15): two cloud instances on one PostgreSQL, many simulated kiosks (real
 * enrolled devices with their own tokens and SQLite outboxes, in this process), each with a queue
 * of mutations, all reconnecting at the same moment. A kiosk pushes until its queue is empty; a
 * failed run waits the kiosk's own jittered backoff (sync/backoff.ts). Reports aggregate
 * mutations/s, push latency, 5xx count, the request rate per second, and the fault checker's
 * exactly-once verdict over every kiosk. Scaled by BENCH_STORM_KIOSKS × BENCH_STORM_MUTATIONS
 * (issue: 500 × 2,000; default 40 × 500, what a shared 2-core machine runs in a minute or two).
 * BENCH_STORM_STORES (1–3, default 1) spreads the kiosks over the demo's stores, each writing for
 * its own store's members: pushes of one store take turns (a per-store lock), so one store is the
 * worst case and a fleet spread over stores the realistic one.
 */
import { secondInstance } from '../../cloud/test/harness';
import { backoffDelay } from '../../sync/backoff';
import type { CloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { check } from '../../test/faults/support/checker';
import { startRealCloud, type RunningCloud } from '../../test/faults/support/cloud';
import {
  openKiosk,
  S001_MEMBERS,
  writeMutations,
  type Kiosk,
} from '../../test/faults/support/kiosk';
import { startPgCluster } from '../../test/faults/support/pg-cluster';
import { tempDir } from '../../test/support/temp';
import { percentile, round, type BenchRow } from '../support/stats';
import { cloudClientFor, enrollByCode } from '../../test/support/enroll';

export const name = 'sync-storm';
const KINDS = ['tryon', 'tryon', 'tryon', 'pref', 'tryon', 'earn', 'tryon', 'sale'] as const;

interface Push {
  at: number;
  ms: number;
  status: 'ok' | '5xx' | 'other';
}

/** The real cloud client, timing every push. */
function timed(client: CloudClient, pushes: Push[], t0: number): CloudClient {
  return {
    ...client,
    async push(token, body) {
      const start = performance.now();
      const res = await client.push(token, body);
      const kind = res.ok ? 'ok' : res.error.kind === 'http-5xx' ? '5xx' : 'other';
      pushes.push({ at: start - t0, ms: performance.now() - start, status: kind });
      return res;
    },
  };
}

/** Each store's kiosks write for members of that store (the demo's home stores). */
const STORES = [
  { storeId: 'S001', members: S001_MEMBERS },
  { storeId: 'S002', members: ['M000002', 'M000004', 'M000007', 'M000008'] },
  { storeId: 'S003', members: ['M000001', 'M000003', 'M000005', 'M000006'] },
] as const;

async function enrolled(
  url: string,
  cloud: RunningCloud,
  count: number,
  store: (typeof STORES)[number],
) {
  const dir = tempDir('bench-storm-');
  const k = openKiosk(dir.path);
  const client = cloudClientFor(url, 120_000);
  await enrollByCode(k, client, url, await cloud.code(), 'storm');
  writeMutations(k, count, {
    kinds: [...KINDS],
    perTransaction: 2000,
    members: [...store.members],
  });
  return { k, client, dir };
}

async function drain(k: Kiosk, client: CloudClient): Promise<number> {
  const creds = k.credentials();
  const engine = createSyncEngine({
    db: k.db,
    key: k.key,
    client,
    credentials: () => creds,
    pushOnly: true,
  });
  let failures = 0;
  try {
    for (;;) {
      const report = await engine.syncNow();
      if (report.ok) return failures;
      failures++;
      await new Promise((r) => setTimeout(r, backoffDelay(failures)));
    }
  } finally {
    engine.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const kiosks = Number(process.env.BENCH_STORM_KIOSKS ?? 40);
  const each = Number(process.env.BENCH_STORM_MUTATIONS ?? 500);
  const stores = STORES.slice(
    0,
    Math.min(3, Math.max(1, Number(process.env.BENCH_STORM_STORES ?? 1))),
  );
  const cluster = process.env.DATABASE_URL ? null : startPgCluster();
  if (cluster) process.env.DATABASE_URL = cluster.url;
  if (!process.env.DATABASE_URL) {
    console.error('sync-storm: SKIPPED, needs PostgreSQL (DATABASE_URL, or root for a cluster)');
    return [];
  }
  const cloud = await startRealCloud('pg');
  const other = await secondInstance(cloud.cloud);
  await other.app.listen({ host: '127.0.0.1', port: 0 });
  const address = other.app.server.address();
  const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const fleet: Awaited<ReturnType<typeof enrolled>>[] = [];
  try {
    for (let i = 0; i < kiosks; i++)
      fleet.push(
        await enrolled(
          i % 2 === 0 ? cloud.url : otherUrl,
          cloud,
          each,
          stores[i % stores.length] ?? STORES[0],
        ),
      );
    const pushes: Push[] = [];
    const t0 = performance.now();
    const failures = await Promise.all(fleet.map((f) => drain(f.k, timed(f.client, pushes, t0))));
    const seconds = (performance.now() - t0) / 1000;
    const problems = await check(
      cloud,
      fleet.map((f) => f.k.db),
    );
    const latencies = pushes.filter((p) => p.status === 'ok').map((p) => p.ms);
    const perSecond = new Array<number>(Math.ceil(seconds)).fill(0);
    for (const p of pushes)
      perSecond[Math.floor(p.at / 1000)] = (perSecond[Math.floor(p.at / 1000)] ?? 0) + 1;
    const total = kiosks * each;
    const label = `${kiosks} kiosks × ${each}${stores.length > 1 ? ` in ${stores.length} stores` : ''}`;
    return [
      {
        suite: name,
        metric: `storm ${label}, 2 instances on one PostgreSQL: aggregate`,
        value: round(total / seconds, 0),
        unit: 'mutations/s',
        note: `${total} mutations in ${round(seconds, 1)} s; ${pushes.length} pushes`,
      },
      {
        suite: name,
        metric: `storm ${label}: push latency p50`,
        value: round(percentile(latencies, 50), 0),
        unit: 'ms',
      },
      {
        suite: name,
        metric: `storm ${label}: push latency p99`,
        value: round(percentile(latencies, 99), 0),
        unit: 'ms',
      },
      {
        suite: name,
        metric: `storm ${label}: 5xx answers`,
        value: pushes.filter((p) => p.status === '5xx').length,
        unit: 'count',
        note: `${failures.reduce((a, b) => a + b, 0)} failed runs retried with backoff`,
      },
      {
        suite: name,
        metric: `storm ${label}: exactly-once violations (fault checker)`,
        value: problems.length,
        unit: 'count',
        note: problems.slice(0, 3).join('; '),
      },
      {
        suite: name,
        metric: `storm ${label}: push requests per second over time`,
        value: Math.max(...perSecond),
        unit: 'req/s peak',
        note: perSecond.join(' '),
      },
    ];
  } finally {
    for (const f of fleet) {
      f.client.close();
      f.k.close();
      f.dir.remove();
    }
    await other.close();
    await cloud.close();
    if (cluster) {
      delete process.env.DATABASE_URL;
      cluster.stop();
    }
  }
}
