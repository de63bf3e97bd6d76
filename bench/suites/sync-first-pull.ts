/**
 * A new kiosk's first sync of a 1,000,000-row catalog stream (50,000 styles + 950,000 variants
 * generated in the cloud database and published to the change log), against the real cloud as a
 * separate process on PGlite (as deployed: the cloud is another machine), over loopback HTTP.
 *
 * Reported: wall seconds from the first request to the last page applied; the cloud's side (the
 * sum of its own response times for those requests, from its request log, and its CPU seconds);
 * the kiosk's side (CPU seconds of the kiosk process: reading, checking and applying pages).
 * With big pages the kiosk asks for the next page while applying the current one, so the two
 * sides overlap and the wall time is less than their sum.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openCloudDb } from '../../cloud/open-db';
import { pullStream } from '../../sync/pull';
import { startCloudProcess } from '../../test/e2e/support/cloud';
import { openKiosk } from '../../test/faults/support/kiosk';
import { demoStore, tempDir } from '../../test/support/temp';
import { generateCloudCatalog } from '../support/generate-cloud-catalog';
import { round, type BenchRow } from '../support/stats';
import { cloudClientFor, enrollByCode } from '../../test/support/enroll';

export const name = 'sync-first-pull';

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/**
 * Response times (ms) the cloud logged for requests to `route`. The cloud logs the route pattern
 * (`/v1/pull/:stream/bulk`), never the URL with its query (cloud/http/log-redaction.ts).
 */
function loggedResponseMs(output: string, route: string): number[] {
  const requests = new Map<string, string>();
  const times: number[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { reqId?: string; req?: { route?: string }; responseTime?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.reqId && entry.req?.route) requests.set(entry.reqId, entry.req.route);
    const logged = entry.reqId ? requests.get(entry.reqId) : undefined;
    if (typeof entry.responseTime === 'number' && logged === route) times.push(entry.responseTime);
  }
  return times;
}

async function prepareCloudDb(dir: string, rows: number): Promise<number> {
  const t0 = performance.now();
  const { db } = await openCloudDb({ dataDir: dir, demoDir: demoStore });
  try {
    await db.transaction((tx) => generateCloudCatalog(tx, rows));
  } finally {
    await db.close();
  }
  return (performance.now() - t0) / 1000;
}

export async function run(): Promise<BenchRow[]> {
  const rows = Number(process.env.BENCH_SYNC_CATALOG_ROWS ?? 1_000_000);
  const loadAtStart = loadavg()[0]?.toFixed(2);
  const dir = tempDir('bench-pull-');
  const generateS = await prepareCloudDb(join(dir.path, 'pglite'), rows);
  // No recommendation training in the cloud during the bench: a first model over 1 M rows would
  // take the CPU the sync is measured on. The start on a big database may take longer than e2e's.
  const cloud = await startCloudProcess({
    pgliteDir: join(dir.path, 'pglite'),
    logLevel: 'info',
    env: { CLOUD_TRAIN_AT: 'off' },
    startTimeoutMs: 180_000,
  });
  const k = openKiosk(join(dir.path));
  try {
    const client = cloudClientFor(cloud.url, 120_000);
    const r = await enrollByCode(k, client, cloud.url, await cloud.enrollmentCode(), 'bench');
    const cloudPid = cloud.pid();
    const cloudCpu0 = cloudPid ? cpuSecondsOf(cloudPid) : 0;
    const logMark = cloud.output().length;
    const kioskCpu0 = process.cpuUsage();
    let progressReports = 0;
    const t0 = performance.now();
    const pulled = await pullStream(
      {
        db: k.db,
        key: k.key,
        client,
        token: r.token,
        now: () => new Date(),
        onBulkProgress: () => progressReports++,
      },
      'catalog',
    );
    const wallS = (performance.now() - t0) / 1000;
    const kioskCpu = process.cpuUsage(kioskCpu0);
    const cloudCpuS = cloudPid ? cpuSecondsOf(cloudPid) - cloudCpu0 : Number.NaN;
    client.close();
    if (!pulled.ok) throw new Error(pulled.error.message);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the last log lines
    const served = loggedResponseMs(cloud.output().slice(logMark), '/v1/pull/:stream/bulk');
    const cloudS = served.reduce((a, b) => a + b, 0) / 1000;
    const local = k.db
      .prepare<[], { n: number }>(
        'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM variants) AS n',
      )
      .get()?.n;
    const codes = k.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalog_codes').get();
    return [
      {
        suite: name,
        metric: `first sync of ${pulled.value.rows} catalog rows (PGlite cloud process)`,
        value: round(wallS, 1),
        unit: 's',
        note: `${pulled.value.pages} pages, ${local} rows local, ${codes?.n} scan codes, ${round(pulled.value.rows / wallS, 0)} rows/s, ${progressReports} progress reports; generating took ${round(generateS, 1)} s; load average ${loadAtStart} → ${loadavg()[0]?.toFixed(2)} (2 shared cores)`,
      },
      {
        suite: name,
        metric: 'cloud side: its response times summed',
        value: round(cloudS, 1),
        unit: 's',
        note: `${served.length} requests, ${round(cloudCpuS, 1)} s CPU in the cloud process`,
      },
      {
        suite: name,
        metric: 'kiosk side: CPU of the kiosk process (read, check, apply)',
        value: round((kioskCpu.user + kioskCpu.system) / 1e6, 1),
        unit: 's',
      },
    ];
  } finally {
    k.close();
    await cloud.remove();
    dir.remove();
  }
}
