/**
 * Issue 11 item 3: a kiosk finds a member only by a credential the shopper presents (card number or
 * QR token, in the POST body), never by member id; the answer carries no credential; look-ups are
 * limited per device with counters in the database, so every instance enforces the same budget.
 */
import { describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, lookup, secondInstance, startCloud, type Cloud } from './harness';
import { cloudWithDevice } from './hooks';

// M000002, home store S002; the kiosk below is of store S001.
const VISITOR = { id: 'M000002', card: '6280000000000024', qr: 'MBR1.2Y39L8JLKFUCVUMVXU9W' };
const LIMITS = { lookup: [{ name: 'lookup-minute', limit: 5, windowMs: 60_000 }] };

describe.each(DB_KINDS)('member look-up on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  cloudWithDevice(
    () => startCloud(kind, { app: { limits: LIMITS } }),
    (c, d) => ((cloud = c), (dev = d)),
  );
  // each test starts with a fresh budget
  const nextWindow = () => (cloud.clock.ms += 60_000);

  it('finds a member of another store by card or QR token, without any credential in the answer', async () => {
    nextWindow();
    for (const by of [{ cardNo: VISITOR.card }, { qrToken: VISITOR.qr }]) {
      const res = await lookup(cloud, dev.token, by);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        member: { memberId: VISITOR.id, homeStore: 'S002', name: '赵涛超' },
        presence: { ticket: expect.stringMatching(/^pt1\./) },
      });
      expect(Object.keys(res.json().member)).not.toContain('cardNo');
      expect(Object.keys(res.json().member)).not.toContain('qrToken');
      expect(res.body).not.toContain(VISITOR.card);
      expect(res.body).not.toContain(VISITOR.qr);
    }
  });

  it('offers no look-up by member id, nor by query string, nor by two credentials at once', async () => {
    nextWindow();
    const byId = await lookup(cloud, dev.token, { memberId: VISITOR.id });
    expect(byId.statusCode).toBe(400);
    expect(byId.json().error.code).toBe('bad-request');
    const both = await lookup(cloud, dev.token, { cardNo: VISITOR.card, qrToken: VISITOR.qr });
    expect(both.statusCode).toBe(400);
    for (const query of [`memberId=${VISITOR.id}`, `cardNo=${VISITOR.card}`]) {
      const old = await cloud.app.inject({
        method: 'GET',
        url: `/v1/members/lookup?${query}`,
        headers: { authorization: `Bearer ${dev.token}` },
      });
      expect(old.statusCode).toBe(404);
      expect(old.body).not.toContain(VISITOR.qr);
    }
    expect((await lookup(cloud, dev.token, { cardNo: '6280000000099992' })).statusCode).toBe(404);
    expect((await lookup(cloud, 'dt_wrong', { cardNo: VISITOR.card })).statusCode).toBe(401);
  });

  it('limits look-ups per device with 429 and Retry-After, shared by every instance', async () => {
    nextWindow();
    const other = await enrollDevice(cloud, 'S001');
    const instance = await secondInstance(cloud, { limits: LIMITS });
    try {
      const on = (i: number) =>
        i % 2 === 0
          ? lookup(cloud, dev.token, { cardNo: VISITOR.card })
          : instance.app.inject({
              method: 'POST',
              url: '/v1/members/lookup',
              headers: { authorization: `Bearer ${dev.token}` },
              payload: { cardNo: VISITOR.card },
            });
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await on(i)).statusCode);
      // five across both instances, then refused on either
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const refused = await lookup(cloud, dev.token, { qrToken: VISITOR.qr });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate-limited');
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      // another device has its own budget
      expect((await lookup(cloud, other.token, { cardNo: VISITOR.card })).statusCode).toBe(200);
      // after Retry-After the device may ask again
      cloud.clock.ms += wait * 1000;
      expect((await lookup(cloud, dev.token, { cardNo: VISITOR.card })).statusCode).toBe(200);
    } finally {
      await instance.close();
    }
  });
});
