/**
 * Review of issue 11 item 7: the limit on wrong enrollment codes holds against attempts sent all at
 * once. With the production limit (10 failures per address per 15 minutes), a guesser firing 60
 * codes in parallel from one address must get no more than 10 of them tried (401); the rest are
 * 429. A right code is still refused from that address, and another address still enrolls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createCode, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('parallel enrollment guesses on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const attempt = (code: string, remoteAddress: string) =>
    cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      remoteAddress,
      payload: { code, deviceName: 'guessing kiosk' },
    });

  it('tries no more than the limit of wrong codes fired at once', async () => {
    const guesses = Array.from({ length: 60 }, (_, i) =>
      attempt(`AAAAA-AAAAA-AA${String(100 + i)}`.replace(/[01]/g, 'B'), '10.0.0.66'),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect((await attempt(await createCode(cloud), '10.0.0.66')).statusCode).toBe(429);
    expect((await attempt(await createCode(cloud), '10.0.0.67')).statusCode).toBe(200);
  });

  it('does not count right codes against their address, also fired at once (control)', async () => {
    for (let i = 0; i < 12; i++)
      expect((await attempt(await createCode(cloud), '10.0.0.68')).statusCode).toBe(200);
    // in flight at once, each holds a slot until it succeeds: the limit's worth all pass
    const codes = await Promise.all(Array.from({ length: 10 }, () => createCode(cloud)));
    const statuses = (await Promise.all(codes.map((c) => attempt(c, '10.0.0.68')))).map(
      (r) => r.statusCode,
    );
    expect(statuses).toEqual(Array(10).fill(200));
    expect((await attempt(await createCode(cloud), '10.0.0.68')).statusCode).toBe(200);
  });
});
