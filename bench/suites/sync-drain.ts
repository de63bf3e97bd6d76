/**
 * Draining a week's outbox into the member cloud: 100,000 queued mutations pushed in batches of 500
 * (mutations/s), beside one request per mutation measured in the same run on a sample of 2,000
 * (a full 100,000 one-by-one would take most of an hour). PGlite always; PostgreSQL too when
 * DATABASE_URL is set or a throwaway local cluster can be started. During the batched drain another
 * client asks `/health` (one query on the same database) every 25 ms: its latency is what any
 * other request waits while a big push runs (issue 15: p95 ≤ 100 ms on PGlite).
 */
import { createCloudClient } from '../../sync/cloud-client';
import { enroll } from '../../sync/credentials';
import { createSyncEngine } from '../../sync/engine';
import { createHttpClient } from '../../sync/http-client';
import { pushOnce } from '../../sync/push';
import { startRealCloud, type RunningCloud } from '../../test/faults/support/cloud';
import { openKiosk, writeMutations, type Kiosk } from '../../test/faults/support/kiosk';
import { startPgCluster } from '../../test/faults/support/pg-cluster';
import { tempDir } from '../../test/support/temp';
import { percentile, round, type BenchRow } from '../support/stats';

export const name = 'sync-drain';
const MIX = {
  kinds: ['tryon', 'tryon', 'tryon', 'pref', 'tryon', 'earn', 'tryon', 'sale'] as const,
};

async function enrolledKiosk(cloud: RunningCloud): Promise<{ k: Kiosk; done(): void }> {
  const dir = tempDir('bench-sync-');
  const k = openKiosk(dir.path);
  const http = createHttpClient({ baseUrl: cloud.url });
  if (!http.ok) throw new Error(http.error.message);
  const r = await enroll({
    db: k.db,
    key: k.key,
    client: createCloudClient(http.value),
    url: cloud.url,
    caFile: null,
    code: await cloud.code(),
    deviceName: 'bench',
  });
  http.value.close();
  if (!r.ok) throw new Error(r.error.message);
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

async function measure(kind: 'pglite' | 'pg', total: number, sample: number): Promise<BenchRow[]> {
  const cloud = await startRealCloud(kind);
  try {
    const batched = await enrolledKiosk(cloud);
    writeMutations(batched.k, total, { kinds: [...MIX.kinds], perTransaction: 2000 });
    const http = createHttpClient({ baseUrl: cloud.url, timeoutMs: 120_000 });
    if (!http.ok) throw new Error(http.error.message);
    const client = createCloudClient(http.value);
    const creds = batched.k.credentials();
    const engine = createSyncEngine({
      db: batched.k.db,
      key: batched.k.key,
      client,
      credentials: () => creds,
      pushOnly: true,
    });
    const probe = probeWhileRunning(cloud.url, 25);
    let t0 = performance.now();
    const report = await engine.syncNow();
    const batchedS = (performance.now() - t0) / 1000;
    const others = await probe.stop();
    engine.stop();
    if (!report.ok || report.pushed !== total)
      throw new Error(`drain failed: ${JSON.stringify(report)}`);
    batched.done();

    const single = await enrolledKiosk(cloud);
    writeMutations(single.k, sample, { kinds: [...MIX.kinds], perTransaction: 2000 });
    const token = single.k.credentials()?.token ?? '';
    const deviceId = single.k.credentials()?.deviceId ?? '';
    t0 = performance.now();
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
    const singleS = (performance.now() - t0) / 1000;
    single.done();
    client.close();
    if (sent !== sample) throw new Error(`one-by-one sent ${sent} of ${sample}`);
    return [
      {
        suite: name,
        metric: `${kind} batched 500 (${total} mutations)`,
        value: round(total / batchedS, 0),
        unit: 'mutations/s',
        note: `${round(batchedS, 1)} s`,
      },
      {
        suite: name,
        metric: `${kind} one request per mutation (sample ${sample})`,
        value: round(sample / singleS, 0),
        unit: 'mutations/s',
        note: `${round(singleS, 1)} s`,
      },
      {
        suite: name,
        metric: `${kind} batched / one request per mutation`,
        value: round(total / batchedS / (sample / singleS), 1),
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
  } finally {
    await cloud.close();
  }
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
