/**
 * A kiosk's heartbeat end to end: after a sync run against a real cloud (HTTP, PGlite) the kiosk
 * reports its version, role, outbox and devices; the fleet view shows it, and flags it stale once
 * it has been silent for longer than the threshold. The cloud refuses a heartbeat for another
 * device, without a token, or with a malformed body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../cloud/hq/auth/users';
import { quietHeartbeat } from '../../cloud/test/harness';
import { recordHealthError } from '../../core/health/errors';
import { createSyncEngine } from '../../sync/engine';
import { queue, testKiosk } from '../../sync/test-support';
import { startRealCloud, type RunningCloud } from '../faults/support/cloud';
import { cloudClientFor, enrollByCode } from '../support/enroll';

let cloud: RunningCloud;
let kiosk: ReturnType<typeof testKiosk>;

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  kiosk = testKiosk();
}, 120_000);
afterAll(async () => {
  kiosk.remove();
  await cloud.close();
});

async function analystCookie(): Promise<string> {
  const made = await createUser(
    cloud.cloud.db,
    {
      username: 'fleet.analyst',
      displayName: 'A',
      role: 'analyst',
      storeId: null,
      password: 'fleet-password-1',
    },
    new Date(),
  );
  expect(made.ok).toBe(true);
  const res = await fetch(`${cloud.url}/hq/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'fleet.analyst', password: 'fleet-password-1' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('kiosk heartbeat', () => {
  it('reaches the fleet view after a sync run, and goes stale when the kiosk falls silent', async () => {
    const client = cloudClientFor(cloud.url);
    const enrolled = await enrollByCode(kiosk, client, cloud.url, await cloud.code(), 'mirror 3');
    recordHealthError(kiosk.db, 'device', 'scanner', new Date());
    queue(kiosk.db, 3);
    const engine = createSyncEngine({
      db: kiosk.db,
      key: kiosk.key,
      client,
      credentials: () => enrolled,
      pushOnly: true,
      heartbeat: () => ({
        appVersion: '9.9.9',
        role: 'mirror',
        devices: [{ id: 'scanner-1', kind: 'scanner', state: 'error' }],
        errors24h: 1,
      }),
    });
    const report = await engine.syncNow();
    engine.stop();
    expect(report.ok).toBe(true);
    let rows: { app_version: string; outbox_depth: number; errors_24h: number }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = await cloud.query('SELECT app_version, outbox_depth, errors_24h FROM hq_kiosk_status');
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([{ app_version: '9.9.9', outbox_depth: 0, errors_24h: 1 }]);

    const cookie = await analystCookie();
    const fleet = async () => {
      const res = await fetch(`${cloud.url}/hq/api/fleet?from=2026-11-01&to=2026-11-30`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      return (
        (await res.json()) as {
          kiosks: { name: string; role: string; stale: boolean; devices: unknown[] }[];
        }
      ).kiosks;
    };
    const kiosks = await fleet();
    expect(kiosks).toHaveLength(1);
    expect(kiosks[0]).toMatchObject({
      name: 'mirror 3',
      role: 'mirror',
      stale: false,
      devices: [{ id: 'scanner-1', state: 'error' }],
    });
    cloud.advance(31 * 60_000); // the kiosk says nothing for 31 minutes
    expect((await fleet())[0]?.stale).toBe(true);
    client.close();
  });

  it('refuses a heartbeat without a token, for another device, or with a malformed body', async () => {
    const body = quietHeartbeat('dev_other', '1');
    const post = (b: unknown, token?: string) =>
      fetch(`${cloud.url}/v1/heartbeat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(b),
      });
    expect((await post(body)).status).toBe(401);
    const code = await cloud.code();
    const dev = (await (
      await fetch(`${cloud.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'checkout' }),
      })
    ).json()) as { deviceId: string; token: string };
    expect((await post(body, dev.token)).status).toBe(403);
    const bad = await post({ ...body, deviceId: dev.deviceId, outboxDepth: -1 }, dev.token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad-request' } });
    expect((await post({ ...body, deviceId: dev.deviceId }, dev.token)).status).toBe(200);
  });
});
