/**
 * Seven days offline: a kiosk queues 100,000 mutations (a mirror's week, mostly try-ons, stamped
 * across the seven days), then comes back and drains them all into the real cloud. Runs on a
 * throwaway PostgreSQL cluster when the machine has one (the cloud processes a push in one
 * transaction per batch, cloud/push/push-batch.ts), else DATABASE_URL, else PGlite.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { check } from './support/checker';
import { startRealCloud, type RunningCloud } from './support/cloud';
import { openKiosk } from './support/kiosk';
import { startPgCluster, type PgCluster } from './support/pg-cluster';
import { runDriver } from './support/spawn';

const TOTAL = 100_000;
const DAYS = 7;
const MIX = 'tryon,tryon,tryon,pref,tryon,earn,tryon,sale';
let cluster: PgCluster | null = null;
let cloud: RunningCloud;
const dir = tempDir('kiosk-week-');

beforeAll(async () => {
  const saved = process.env.DATABASE_URL;
  if (!saved) cluster = startPgCluster();
  const url = saved ?? cluster?.url;
  if (url) process.env.DATABASE_URL = url;
  cloud = await startRealCloud(url ? 'pg' : 'pglite');
  if (!saved) delete process.env.DATABASE_URL;
}, 60_000);
afterAll(async () => {
  await cloud.close();
  cluster?.stop();
  dir.remove();
});

it(`queues ${TOTAL.toLocaleString('en')} mutations over ${DAYS} days offline, then drains them exactly once`, async () => {
  expect((await runDriver(dir.path, ['enroll', cloud.url, await cloud.code()])).code).toBe(0);
  const day = 86_400_000;
  const perDay = Math.ceil(TOTAL / DAYS);
  for (let d = DAYS; d >= 1; d--) {
    const count = Math.min(perDay, TOTAL - perDay * (DAYS - d));
    const w = await runDriver(dir.path, ['write', String(count), MIX, '2000', String(-d * day)]);
    expect(w.out).toMatchObject({ written: count });
  }
  const k0 = openKiosk(dir.path);
  expect(k0.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get()).toEqual({
    n: TOTAL,
  });
  k0.close();
  const started = Date.now();
  const drained = await runDriver(dir.path, ['drain'], { SYNC_TIMEOUT_MS: '60000' });
  const seconds = (Date.now() - started) / 1000;
  expect(drained.out).toMatchObject({ ok: true, pushed: TOTAL, status: { queueDepth: 0 } });
  process.stderr.write(
    `offline week: drained ${TOTAL} mutations in ${seconds.toFixed(1)} s (${cloud.cloud.db.kind})\n`,
  );
  expect((await runDriver(dir.path, ['sync'])).out).toMatchObject({ ok: true });
  const k = openKiosk(dir.path);
  try {
    expect(await check(cloud, [k.db])).toEqual([]);
  } finally {
    k.close();
  }
}, 600_000);
