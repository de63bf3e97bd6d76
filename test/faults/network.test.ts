/**
 * Network and server faults between a kiosk process and the cloud, injected by a proxy: server
 * down, 5xx, 429 with Retry-After, slow answers, duplicated and reordered pushes, and a kiosk
 * clock that jumps back and forward. Every scenario ends with the checker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { check } from './support/checker';
import { startRealCloud, type RunningCloud } from './support/cloud';
import { openKiosk } from './support/kiosk';
import { startFaultProxy, type FaultProxy } from './support/proxy';
import { runDriver } from './support/spawn';

let cloud: RunningCloud;
let proxy: FaultProxy;
const dirs: ReturnType<typeof tempDir>[] = [];

async function enrolledKiosk(): Promise<string> {
  const d = tempDir('kiosk-net-');
  dirs.push(d);
  expect((await runDriver(d.path, ['enroll', proxy.url, await cloud.code()])).code).toBe(0);
  return d.path;
}

async function checked(dir: string): Promise<void> {
  proxy.plan = {};
  expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: true });
  const k = openKiosk(dir);
  try {
    expect(await check(cloud, [k.db])).toEqual([]);
  } finally {
    k.close();
  }
}

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  proxy = await startFaultProxy(cloud.url);
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await cloud.close();
  for (const d of dirs) d.remove();
});

describe('server faults', () => {
  it('server down: the run fails as offline, keeps the queue, and reports it', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '10']);
    proxy.plan = { down: true };
    const down = await runDriver(dir, ['sync']);
    expect(down.code).toBe(1);
    expect(down.out).toMatchObject({
      ok: false,
      error: { kind: 'offline' },
      status: { connectivity: 'offline', queueDepth: 10, lastError: { kind: 'offline' } },
    });
    await checked(dir);
  }, 60_000);

  it('5xx and 429 with Retry-After: retried until they pass, waiting as asked', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '10']);
    const before = proxy.stats.injected;
    proxy.plan = { fail5xx: 3 };
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 10 });
    expect(proxy.stats.injected - before).toBe(3);
    await runDriver(dir, ['write', '10']);
    proxy.plan = { rateLimit: { count: 1, retryAfterS: 1 } };
    const started = Date.now();
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await checked(dir);
  }, 60_000);

  it('slow answers beyond the timeout: resent, applied once', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '10']);
    proxy.plan = { delayMs: 1500 };
    const slow = await runDriver(dir, ['drain'], { SYNC_TIMEOUT_MS: '500', DRAIN_TRIES: '3' });
    // The timer keeps retrying; each request reaches the server late, after the kiosk gave up.
    expect(slow.out).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    proxy.plan = { delayMs: 300 };
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true });
    await checked(dir);
  }, 120_000);

  it('duplicated and reordered pushes are answered as duplicates and change nothing', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '1200', 'earn,tryon,pref,sale', '100']);
    proxy.plan = { duplicatePushes: true };
    const captured = proxy.captured.length;
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 1200 });
    expect(proxy.captured.length - captured).toBe(3); // 500 + 500 + 200
    const k = openKiosk(dir);
    const token = k.credentials()?.token ?? '';
    k.close();
    // Replay the first batch after the later ones (reordered, stale): all duplicates.
    const replay = await proxy.replay(captured, token);
    expect(replay.status).toBe(200);
    const results = (replay.body as { results: { status: string }[] }).results;
    expect(results).toHaveLength(500);
    expect(results.every((r) => r.status === 'duplicate')).toBe(true);
    await checked(dir);
  }, 120_000);
});

describe('the kiosk clock jumps', () => {
  it('back a day and forward two: seqs stay gapless, future stamps are clamped, all applied once', async () => {
    const dir = await enrolledKiosk();
    const day = 86_400_000;
    await runDriver(dir, ['write', '4', 'pref', '1', '0']);
    await runDriver(dir, ['write', '4', 'pref', '1', String(-day)]);
    await runDriver(dir, ['write', '4', 'pref', '1', String(2 * day)]);
    await runDriver(dir, ['write', '4', 'pref,earn', '1', '0']);
    await checked(dir);
    const [{ max } = { max: '' }] = await cloud.query<{ max: string }>(
      'SELECT max(hlc) AS max FROM member_settings',
    );
    expect(Number(max.slice(0, 15))).toBeLessThanOrEqual(Date.now() + 60_000);
  }, 60_000);
});
