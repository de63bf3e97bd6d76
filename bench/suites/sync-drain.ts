/**
 * Draining a week's outbox into the member cloud: 100,000 queued mutations pushed in batches of 500
 * (mutations/s), beside one request per mutation measured in the same run on a sample of 2,000
 * (a full 100,000 one-by-one would take most of an hour). PGlite always; PostgreSQL too when
 * DATABASE_URL is set or a throwaway local cluster can be started. During the batched drain another
 * client asks `/health` (one query on the same database) every 25 ms: its latency is what any
 * other request waits while a big push runs (issue 15: p95 ≤ 100 ms on PGlite).
 */
import type { CloudAppOptions } from '../../cloud/app';
import { createCloudClient, type CloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { createHttpClient } from '../../sync/http-client';
import { pushOnce } from '../../sync/push';
import { startRealCloud, type RunningCloud } from '../../test/faults/support/cloud';
import { openKiosk, writeMutations, type Kiosk } from '../../test/faults/support/kiosk';
import { startPgCluster } from '../../test/faults/support/pg-cluster';
import { tempDir } from '../../test/support/temp';
import { percentile, round, type BenchRow } from '../support/stats';
import { enrollKiosk } from '../../test/faults/support/in-process';

export const name = 'sync-drain';
const MIX = {
  kinds: ['tryon', 'tryon', 'tryon', 'pref', 'tryon', 'earn', 'tryon', 'sale'] as const,
};

async function enrolledKiosk(cloud: RunningCloud): Promise<{ k: Kiosk; done(): void }> {
  const dir = tempDir('bench-sync-');
  const k = openKiosk(dir.path);
  await enrollKiosk(k, cloud, 'bench');
  return { k, done: () => (k.close(), dir.remove()) };
}

/** Asks `/health` every `everyMs` until stopped; the latencies of the answers. */
function probeWhileRunning(url: string, everyMs: number): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** Drains `count` queued mutations of a fresh kiosk in pushes of 500; seconds and /health latencies. */
async function drainBatched(
  cloud: RunningCloud,
  client: CloudClient,
  count: number,
): Promise<{ seconds: number; others: number[] }> {
  const kiosk = await enrolledKiosk(cloud);
  try {
    writeMutations(kiosk.k, count, { kinds: [...MIX.kinds], perTransaction: 2000 });
    const creds = kiosk.k.credentials();
    const engine = createSyncEngine({
      db: kiosk.k.db,
      key: kiosk.k.key,
      client,
      credentials: () => creds,
      pushOnly: true,
    });
    const probe = probeWhileRunning(cloud.url, 25);
    const t0 = performance.now();
    const report = await engine.syncNow();
    const seconds = (performance.now() - t0) / 1000;
    const others = await probe.stop();
    engine.stop();
    if (!report.ok || report.pushed !== count)
      throw new Error(`drain failed: ${JSON.stringify(report)}`);
    return { seconds, others };
  } finally {
    kiosk.done();
  }
}

/** Sends `count` queued mutations of a fresh kiosk one request each; seconds. */
async function drainOneByOne(cloud: RunningCloud, client: CloudClient, count: number) {
  const single = await enrolledKiosk(cloud);
  try {
    writeMutations(single.k, count, { kinds: [...MIX.kinds], perTransaction: 2000 });
    const token = single.k.credentials()?.token ?? '';
    const deviceId = single.k.credentials()?.deviceId ?? '';
    const t0 = performance.now();
    let sent = 0;
    for (;;) {
      const step = await pushOnce({
        db: single.k.db,
        client,
        token,
        deviceId,
        now: () => new Date(),
        batchSize: 1,
      });
      if (step.kind !== 'sent') break;
      sent++;
    }
    if (sent !== count) throw new Error(`one-by-one sent ${sent} of ${count}`);
    return (performance.now() - t0) / 1000;
  } finally {
    single.done();
  }
}

async function withCloud<T>(
  kind: 'pglite' | 'pg',
  app: Partial<CloudAppOptions>,
  fn: (cloud: RunningCloud, client: CloudClient) => Promise<T>,
): Promise<T> {
  const cloud = await startRealCloud(kind, app);
  const http = createHttpClient({ baseUrl: cloud.url, timeoutMs: 120_000 });
  if (!http.ok) throw new Error(http.error.message);
  const client = createCloudClient(http.value);
  try {
    return await fn(cloud, client);
  } finally {
    client.close();
    await cloud.close();
  }
}

async function measure(kind: 'pglite' | 'pg', total: number, sample: number): Promise<BenchRow[]> {
  const { batched, single } = await withCloud(kind, {}, async (cloud, client) => ({
    batched: await drainBatched(cloud, client, total),
    single: await drainOneByOne(cloud, client, sample),
  }));
  // The design before issue 15, in the same run: pushes of 500, a transaction per mutation.
  const perMutation = await withCloud(kind, { pushTransactionMs: 0 }, (cloud, client) =>
    drainBatched(cloud, client, sample),
  );
  const rate = total / batched.seconds;
  const { others } = batched;
  return [
    {
      suite: name,
      metric: `${kind} batched 500 (${total} mutations)`,
      value: round(rate, 0),
      unit: 'mutations/s',
      note: `${round(batched.seconds, 1)} s; one transaction per batch`,
    },
    {
      suite: name,
      metric: `${kind} batched 500, a transaction per mutation (before; sample ${sample})`,
      value: round(sample / perMutation.seconds, 0),
      unit: 'mutations/s',
      note: `${round(perMutation.seconds, 1)} s`,
    },
    {
      suite: name,
      metric: `${kind} one request per mutation (sample ${sample})`,
      value: round(sample / single, 0),
      unit: 'mutations/s',
      note: `${round(single, 1)} s`,
    },
    {
      suite: name,
      metric: `${kind} batched / one request per mutation`,
      value: round(rate / (sample / single), 1),
      unit: 'x',
    },
    {
      suite: name,
      metric: `${kind} batched / a transaction per mutation`,
      value: round(rate / (sample / perMutation.seconds), 1),
      unit: 'x',
    },
    {
      suite: name,
      metric: `${kind} other requests during the batched drain, p95`,
      value: round(percentile(others, 95), 1),
      unit: 'ms',
      note: `${others.length} /health requests; median ${round(percentile(others, 50), 1)} ms, max ${round(Math.max(...others), 1)} ms`,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const total = Number(process.env.BENCH_SYNC_MUTATIONS ?? 100_000);
  const sample = Number(process.env.BENCH_SYNC_SAMPLE ?? 2_000);
  const rows = await measure('pglite', total, sample);
  const cluster = process.env.DATABASE_URL ? null : startPgCluster();
  if (cluster) process.env.DATABASE_URL = cluster.url;
  try {
    if (process.env.DATABASE_URL) rows.push(...(await measure('pg', total, sample)));
  } finally {
    if (cluster) {
      delete process.env.DATABASE_URL;
      cluster.stop();
    }
  }
  return rows;
}
