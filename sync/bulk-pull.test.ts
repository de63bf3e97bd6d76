/** Snapshots in big pages against the real cloud (in this process, on a real port). */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRealCloud, type RunningCloud } from '../test/faults/support/cloud';
import { openKiosk, type Kiosk } from '../test/faults/support/kiosk';
import { tempDir } from '../test/support/temp';
import { createCloudClient, type CloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { readBulkPage } from './bulk-page';
import { createHttpClient, type HttpClient } from './http-client';
import { pullStream, type BulkProgress } from './pull';
import type { SyncStatus } from './status';
import { enrollByCode } from '../test/support/enroll';

let cloud: RunningCloud;
let client: CloudClient;
let http: HttpClient;
let dir: ReturnType<typeof tempDir>;
let k: Kiosk;
let token: string;

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  const made = createHttpClient({ baseUrl: cloud.url });
  if (!made.ok) throw new Error(made.error.message);
  http = made.value;
  client = createCloudClient(http);
}, 60_000);
afterAll(async () => {
  client.close();
  await cloud.close();
});
beforeEach(async () => {
  dir = tempDir('kiosk-bulk-');
  k = openKiosk(dir.path);
  const r = await enrollByCode(k, client, cloud.url, await cloud.code(), 'bulk test');
  token = r.token;
});
afterEach(() => {
  k.close();
  dir.remove();
});

const localCatalog = () =>
  k.db
    .prepare<[], { n: number }>(
      'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM variants) AS n',
    )
    .get()?.n;

describe('a snapshot in big pages', () => {
  it('reports rows of the total after every page, and resumes after an interruption', async () => {
    const seen: BulkProgress[] = [];
    const requests: (string | null)[] = [];
    let failAfter = 3;
    // The network goes away after three pages (one of them already prefetched).
    const flaky: CloudClient = {
      ...client,
      pullBulk: (...args) => {
        requests.push(args[2]);
        if (failAfter-- <= 0)
          return Promise.resolve({ ok: false, error: { kind: 'offline', message: 'gone' } });
        return client.pullBulk(...args);
      },
    };
    const deps = {
      db: k.db,
      key: k.key,
      client: flaky,
      token,
      now: () => new Date(),
      bulkLimit: 500,
      onBulkProgress: (p: BulkProgress) => seen.push(p),
    };
    const cut = await pullStream(deps, 'catalog');
    expect(cut.ok).toBe(false);
    const [{ n: total } = { n: 0 }] = await cloud.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM stream_rows WHERE stream = 'catalog'",
    );
    expect(seen.map((p) => [p.done, p.total, p.finished])).toEqual([
      [500, total, false],
      [1000, total, false],
      [1500, total, false],
    ]);
    expect(localCatalog()).toBe(1500);

    seen.length = 0;
    requests.length = 0;
    failAfter = Infinity;
    const resumed = await pullStream(deps, 'catalog');
    expect(resumed).toMatchObject({ ok: true, value: { rows: total - 1500 } });
    expect(requests[0]).not.toBeNull(); // the page after the last applied one, not a new snapshot
    expect(requests).toHaveLength(Math.ceil((total - 1500) / 500));
    expect(seen[0]).toMatchObject({ done: 2000, total, resumedFrom: 1500 });
    expect(seen.at(-1)).toMatchObject({ done: total, finished: true });
    expect(localCatalog()).toBe(total);
    expect(k.db.prepare('SELECT count(*) AS n FROM sync_bulk_progress').get()).toEqual({ n: 0 });
  });

  it('the engine shows a first sync in its status while it runs, and not after', async () => {
    const statuses: SyncStatus[] = [];
    const engine = createSyncEngine({
      db: k.db,
      key: k.key,
      client,
      credentials: () => ({
        token,
        deviceId: 'd',
        storeId: 'S001',
        url: cloud.url,
        caFile: null,
        enrolledAt: new Date().toISOString(),
        rotatedAt: new Date().toISOString(),
      }),
    });
    engine.on('status', (s) => statuses.push(s));
    const report = await engine.syncNow();
    expect(report.ok).toBe(true);
    const during = statuses.filter((s) => s.firstSync);
    expect(during.map((s) => s.firstSync?.stream)).toContain('catalog');
    const catalog = during.find((s) => s.firstSync?.stream === 'catalog')?.firstSync;
    expect(catalog?.done).toBe(catalog?.total);
    expect(engine.status().firstSync).toBeNull();
    expect(statuses.at(-1)?.firstSync).toBeNull();
  });

  it('checks the body by its SHA-256: one changed byte of a real page is a bad answer', async () => {
    const res = await http.requestBytes({ method: 'GET', path: '/v1/pull/config/bulk', token });
    if (!res.ok) throw new Error(res.error.message);
    expect(readBulkPage(res.value).ok).toBe(true);
    const bytes = Buffer.from(res.value);
    bytes.writeUInt8((bytes.at(-3) ?? 0) ^ 1, bytes.length - 3);
    expect(readBulkPage(bytes)).toMatchObject({ ok: false, error: { kind: 'bad-answer' } });
  });
});
