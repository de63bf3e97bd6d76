/**
 * The online API audits every call, refused ones too; calls without a valid credential are limited
 * per address, so a flood of them cannot grow the audit table without bound, while a client with a
 * valid credential is never slowed by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPost, startCloud, type Cloud } from '../test/harness';

let cloud: Cloud;
let credential = '';
const LIMIT = 3;

beforeAll(async () => {
  cloud = await startCloud('pglite', {
    app: {
      limits: {
        onlineAuthFailures: { name: 'online-auth-failures', limit: LIMIT, windowMs: 60_000 },
      },
    },
  });
  credential = (await adminPost(cloud, '/admin/online-clients', { name: 'e-shop' })).json()
    .credential;
}, 60_000);
afterAll(async () => cloud.close());

const profile = (token: string | null) =>
  cloud.app.inject({
    method: 'GET',
    url: '/online/v1/members/M000017/profile',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const audited = async () =>
  (await cloud.db.query<{ n: number }>('SELECT count(*)::int AS n FROM online_audit')).rows[0]?.n ??
  0;

describe('online API calls without a valid credential', () => {
  it('are audited up to the limit per address, then refused with 429 and Retry-After, unaudited', async () => {
    const before = await audited();
    const answers = await Promise.all(
      Array.from({ length: LIMIT + 5 }, (_, i) => profile(i % 2 ? null : 'oc_nope.nope')),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT);
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
    const limited = answers.find((a) => a.statusCode === 429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await audited()).toBe(before + LIMIT);
  });

  it('never hold back a client with a valid credential from the same address', async () => {
    const before = await audited();
    expect((await profile(credential)).statusCode).toBe(200);
    expect(await audited()).toBe(before + 1);
  });
});
