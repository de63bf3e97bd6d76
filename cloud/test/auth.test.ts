import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, adminPost, createCode, enrollDevice, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('enrollment and auth on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const rotate = (token: string) =>
    cloud.app.inject({
      method: 'POST',
      url: '/v1/token/rotate',
      headers: { authorization: `Bearer ${token}` },
    });
  const tasks = (token: string) =>
    cloud.app.inject({
      method: 'GET',
      url: '/v1/staff-tasks',
      headers: { authorization: `Bearer ${token}` },
    });

  it('enrolls with a one-time code and refuses the same code a second time', async () => {
    const code = await createCode(cloud);
    const first = await cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: { code: code.toLowerCase(), deviceName: 'mirror 1' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ storeId: 'S001', lastSeq: 0 });
    const second = await cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: { code, deviceName: 'mirror 2' },
    });
    expect(second.statusCode).toBe(401);
    expect(second.json().error.code).toBe('invalid-enrollment-code');
  });

  it('refuses an expired code', async () => {
    const code = await createCode(cloud, 'S001', 60);
    cloud.clock.ms += 61_000;
    const res = await cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: { code, deviceName: 'late' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid-enrollment-code');
  });

  it('guards the admin API with the admin token and rejects unknown stores', async () => {
    const noToken = await cloud.app.inject({
      method: 'POST',
      url: '/admin/enrollment-codes',
      payload: { storeId: 'S001' },
    });
    expect(noToken.statusCode).toBe(403);
    const wrong = await adminPost(cloud, '/admin/enrollment-codes', { storeId: 'S001' }, 'nope');
    expect(wrong.statusCode).toBe(403);
    const unknown = await adminPost(cloud, '/admin/enrollment-codes', { storeId: 'S999' });
    expect(unknown.json().error.code).toBe('unknown-store');
  });

  it('refuses a missing or unknown token with 401', async () => {
    expect((await cloud.app.inject({ method: 'GET', url: '/v1/staff-tasks' })).statusCode).toBe(
      401,
    );
    const res = await tasks('dt_not-a-real-token');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('rotates: the new token works, the old one only during the grace period', async () => {
    const dev = await enrollDevice(cloud);
    const r = await rotate(dev.token);
    expect(r.statusCode).toBe(200);
    const { token } = r.json() as { token: string; previousTokenValidUntil: string };
    expect(token).not.toBe(dev.token);
    expect((await tasks(token)).statusCode).toBe(200);
    expect((await tasks(dev.token)).statusCode).toBe(200);
    cloud.clock.ms += 11 * 60_000;
    expect((await tasks(dev.token)).statusCode).toBe(401);
    expect((await tasks(token)).statusCode).toBe(200);
  });

  it('refuses every token of a revoked device', async () => {
    const dev = await enrollDevice(cloud);
    const { token } = (await rotate(dev.token)).json() as { token: string };
    const rev = await adminPost(cloud, `/admin/devices/${dev.deviceId}/revoke`);
    expect(rev.statusCode).toBe(200);
    for (const t of [dev.token, token]) {
      const res = await tasks(t);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('device-revoked');
    }
    const again = await adminPost(cloud, '/admin/devices/dev_nope/revoke');
    expect(again.statusCode).toBe(404);
  });

  it('serves the OpenAPI document and a typed 400 for malformed JSON', async () => {
    const docs = await cloud.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/v1/push', '/v1/pull/{stream}', '/v1/enroll']),
    );
    const bad = await cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad-request');
  });
});
