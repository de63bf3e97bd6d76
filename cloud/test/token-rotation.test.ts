import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, enrollDevice, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('token rotation on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const rotate = async (token: string) => {
    const res = await cloud.app.inject({
      method: 'POST',
      url: '/v1/token/rotate',
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.statusCode, token: (res.json() as { token?: string }).token ?? '' };
  };
  const works = async (token: string) =>
    (
      await cloud.app.inject({
        method: 'GET',
        url: '/v1/staff-tasks',
        headers: { authorization: `Bearer ${token}` },
      })
    ).statusCode === 200;

  it('a rotation whose answer was lost never locks the kiosk out, and the lost token dies', async () => {
    const dev = await enrollDevice(cloud);
    const lost = await rotate(dev.token); // the kiosk crashed before storing this answer
    expect(lost.status).toBe(200);
    cloud.clock.ms += 3 * 24 * 3600_000; // powered off for three days
    expect(await works(dev.token)).toBe(true);
    const next = await rotate(dev.token); // the next cycle rotates again with the old token
    expect(next.status).toBe(200);
    expect(await works(lost.token)).toBe(false); // never used: expired by the new rotation
    expect(await works(dev.token)).toBe(true); // still, until the new token is used
    expect(await works(next.token)).toBe(true); // first use: the kiosk has stored it
    expect(await works(dev.token)).toBe(true); // grace period for requests already under way
    cloud.clock.ms += 11 * 60_000;
    expect(await works(dev.token)).toBe(false);
    expect(await works(next.token)).toBe(true);
  });
});
