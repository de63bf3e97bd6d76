/**
 * Network and server faults between a kiosk process and the env.cloud, injected by a proxy: server
 * down, 5xx, 429 with Retry-After, slow answers, duplicated and reordered pushes, and a kiosk
 * clock that jumps back and forward. Every scenario ends with the checker.
 */
import { describe, expect, it } from 'vitest';

import { openKiosk } from './support/kiosk';

import { runDriver } from './support/spawn';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment({ proxy: true });
const { enrolledDriverKiosk: enrolledKiosk, syncedAndChecked: checked } = env;

describe('server faults', () => {
  it('server down: the run fails as offline, keeps the queue, and reports it', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '10']);
    env.proxy.plan = { down: true };
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
    const before = env.proxy.stats.injected;
    env.proxy.plan = { fail5xx: 3 };
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 10 });
    expect(env.proxy.stats.injected - before).toBe(3);
    await runDriver(dir, ['write', '10']);
    env.proxy.plan = { rateLimit: { count: 1, retryAfterS: 1 } };
    const started = Date.now();
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await checked(dir);
  }, 60_000);

  it('slow answers beyond the timeout: resent, applied once', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '10']);
    env.proxy.plan = { delayMs: 1500 };
    const slow = await runDriver(dir, ['drain'], { SYNC_TIMEOUT_MS: '500', DRAIN_TRIES: '3' });
    // The timer keeps retrying; each request reaches the server late, after the kiosk gave up.
    expect(slow.out).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    env.proxy.plan = { delayMs: 300 };
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true });
    await checked(dir);
  }, 120_000);

  it('duplicated and reordered pushes are answered as duplicates and change nothing', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '1200', 'earn,tryon,pref,sale', '100']);
    env.proxy.plan = { duplicatePushes: true };
    const captured = env.proxy.captured.length;
    expect((await runDriver(dir, ['drain'])).out).toMatchObject({ ok: true, pushed: 1200 });
    expect(env.proxy.captured.length - captured).toBe(3); // 500 + 500 + 200
    const k = openKiosk(dir);
    const token = k.credentials()?.token ?? '';
    k.close();
    // Replay the first batch after the later ones (reordered, stale): all duplicates.
    const replay = await env.proxy.replay(captured, token);
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
    const [{ max } = { max: '' }] = await env.cloud.query<{ max: string }>(
      'SELECT max(hlc) AS max FROM member_settings',
    );
    expect(Number(max.slice(0, 15))).toBeLessThanOrEqual(Date.now() + 60_000);
  }, 60_000);
});
