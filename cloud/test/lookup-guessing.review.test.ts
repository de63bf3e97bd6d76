/**
 * Review of issue 11 item 3 with the production limits (20 a minute, 200 an hour per device): a
 * stolen S001 device token guessing sequential card numbers. Past the budget every answer is 429
 * with a Retry-After that really is the wait (the hour's, once the hour is spent), found members
 * and misses look alike once refused, and no answer ever carries a card number or QR token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, lookup, startCloud, type Cloud } from './harness';

/** Demo card numbers are sequential: 628000000000001 + a check digit, 628000000000002 + …, … */
const card = (n: number) => {
  const body = `628${String(n).padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
};

describe('guessing card numbers with a stolen device token', () => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud('pglite');
    dev = await enrollDevice(cloud, 'S001');
    cloud.clock.ms = Date.parse('2026-11-20T10:00:00Z');
  });
  afterAll(async () => cloud.close());

  it('gets 20 answers a minute and 200 an hour, then 429 with the true wait', async () => {
    expect(card(1)).toBe('6280000000000016'); // M000001 in the demo store
    const { rows } = await cloud.db.query<{ card_no: string; qr_token: string }>(
      'SELECT card_no, qr_token FROM members WHERE card_no IS NOT NULL',
    );
    const credentials = rows.flatMap((r) => [r.card_no, r.qr_token]);
    let n = 0;
    const guess = async () => {
      const res = await lookup(cloud, dev.token, { cardNo: card(++n) });
      for (const c of credentials) expect(res.body.includes(c), `answer to guess ${n}`).toBe(false);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate-limited');
      return { status: res.statusCode, wait: Number(res.headers['retry-after'] ?? 0) };
    };
    // within the minute's budget for ten minutes: 200 answers (found or not)
    for (let minute = 0; minute < 10; minute++) {
      for (let i = 0; i < 20; i++) expect((await guess()).status).not.toBe(429);
      cloud.clock.ms += 60_000;
    }
    // the hour is spent: refused with the wait until the hour ends (50 minutes)
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect(refused.wait).toBe(50 * 60);
    cloud.clock.ms += refused.wait * 1000;
    // a new hour: 20 in its first minute, the 21st refused with what is left of the minute
    for (let i = 0; i < 20; i++) expect((await guess()).status).not.toBe(429);
    cloud.clock.ms += 15_000;
    const minute = await guess();
    expect(minute).toEqual({ status: 429, wait: 45 });
    cloud.clock.ms += 45_000;
    expect((await lookup(cloud, dev.token, { cardNo: card(1) })).statusCode).toBe(200);
  }, 120_000);
});

describe.each(DB_KINDS)('look-ups fired at once on %s', (kind) => {
  it('answer no more than the minute budget', async () => {
    const cloud = await startCloud(kind);
    try {
      const dev = await enrollDevice(cloud, 'S001');
      const all = await Promise.all(
        Array.from({ length: 60 }, (_, i) => lookup(cloud, dev.token, { cardNo: card(i + 1) })),
      );
      const statuses = all.map((r) => r.statusCode);
      expect(statuses.filter((s) => s !== 429)).toHaveLength(20);
    } finally {
      await cloud.close();
    }
  });
});
