/**
 * Catalog media from the cloud to a mirror (issue 17): a kiosk enrolled in a real member cloud
 * (PGlite on a real port, behind a proxy that can take parts of the network away) pulls the
 * catalog and its `media` stream, fetches the images by hash, and shows them. With part of the
 * media out of reach it keeps working: that garment shows its placeholder (and the host answers
 * 404 for its picture); once the network is back the picture is fetched and the card on screen
 * gets it without another scan.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../bridge/views';
import { fileKeyStore } from '../../core/crypto';
import { blobPath } from '../../core/media/blob-files';
import { openDatabase } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { startKioskHost, type KioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { answerMedia } from '../../host/media/media-route';
import { startRealCloud, type RunningCloud } from '../faults/support/cloud';
import { startFaultProxy, type FaultProxy } from '../faults/support/proxy';
import { tempDir } from '../support/temp';
import { until } from '../support/until';
import { cloudClientFor, enrollByCode } from '../support/enroll';

const DRESS = '6970001000016'; // DRE001-WHT-XS
const dir = tempDir('media-sync-');
let cloud: RunningCloud;
let proxy: FaultProxy;
let mirror: KioskHost;
let late = '';
let latest: SessionView | null = null;

async function call(method: string, params: object = {}): Promise<unknown> {
  const result = await mirror.bridge.dispatch(method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
/** "Sync now" as staff run it: a supervisor of the cloud's config stream signs in and syncs. */
async function syncNow(): Promise<void> {
  await call('staff.login', { badge: 'BADGE-2001', pin: '8642' });
  await call('staff.syncNow');
  await call('staff.logout');
}
const count = (sql: string) => mirror.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  proxy = await startFaultProxy(cloud.url);
  const [row] = await cloud.query<{ hash: string }>(
    "SELECT hash FROM catalog_media WHERE style_id = 'DRE001' AND color_code = 'WHT'",
  );
  late = row?.hash ?? '';
  // that one image cannot be reached (its requests are dropped like a dead network)
  proxy.plan.downFor = (path, body) => path === '/v1/media/batch' && body.includes(late);
  // Enrolled before it starts, as an installer does (`kiosk enroll`); no seed: the catalog and
  // its images come from the cloud only.
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  const client = cloudClientFor(proxy.url);
  await enrollByCode(
    { db, key: fileKeyStore(dir.path).loadOrCreate() },
    client,
    proxy.url,
    await cloud.code(),
    'mirror 1',
  );
  client.close();
  db.close();
  mirror = await startKioskHost({
    config: parseConfig({
      storeId: 'S001',
      role: 'mirror',
      devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' }],
    }),
    dataDir: dir.path,
    shell: 'web',
    log: createLogger(null, 'silent'),
  });
  mirror.bridge.subscribe((event, payload) => {
    if (event === 'session.changed') latest = payload as SessionView;
  });
}, 120_000);

afterAll(async () => {
  await mirror?.close();
  await proxy?.close();
  await cloud?.close();
  dir.remove();
});

describe('catalog media from the cloud', () => {
  it('offline with part of the media: a placeholder; back online: the picture, without another scan', async () => {
    // the host's engine synced at start, with that one image out of reach (beforeAll)
    await until(() => count('SELECT count(*) AS n FROM catalog_media') === 402, 'the media stream');
    await until(
      () => count('SELECT count(*) AS n FROM media_blobs') > 0 && !mirror.media.has(late),
      'a first batch of images',
      30_000,
    );
    expect(mirror.media.has(late)).toBe(false);

    mirror.devices.simulator('scanner-1')?.send(Buffer.from(`${DRESS}\r`));
    await until(() => latest?.cards[0]?.sku === 'DRE001-WHT-XS', 'the dress on the mirror');
    expect(latest?.cards[0]?.image).toEqual({
      hash: null,
      alt: { zh: expect.stringContaining('白色'), en: expect.stringContaining('White') },
    });
    expect((await answerMedia(mirror.media, 'GET', `/media/${late}/screen`)).status).toBe(404);

    // the network is back: the next sync fetches it, and the card on screen gets its picture
    proxy.plan.downFor = undefined;
    await syncNow();
    await until(() => latest?.cards[0]?.image?.hash === late, 'the picture on the card', 30_000);
    const served = await answerMedia(mirror.media, 'GET', `/media/${late}/screen`);
    expect(served.status).toBe(200);
    const bytes = readFileSync(blobPath(mirror.media.dir, late));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(late);
    await until(
      () =>
        count('SELECT count(*) AS n FROM media_blobs') ===
        count('SELECT count(DISTINCT hash) AS n FROM catalog_media'),
      'every image',
      60_000,
    );
  }, 180_000);
});
