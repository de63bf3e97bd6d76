/**
 * The online-channel API: an online client credential (made by the admin, shown once) reads a
 * consenting member's picks with reasons, mirror profile (styles, colours, fit per category) and
 * looks; a kiosk token or none is refused; a member without profiling consent, or erased, gets the
 * same 404 as a stranger; every call, refused ones too, is in the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { adminPost, enrollDevice, env, push, startCloud, type Cloud } from '../test/harness';

let cloud: Cloud;
let dev: EnrollResponse;
let credential = '';
let seq = 0;
const MEMBER = 'M000017'; // S001, profiling consent
const NO_CONSENT = 'M000035'; // S001, no profiling consent

const get = (path: string, token = credential) =>
  cloud.app.inject({
    method: 'GET',
    url: `/online/v1/members/${path}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const auditRows = async () =>
  (
    await cloud.db.query<{
      client_id: string | null;
      member_id: string;
      endpoint: string;
      status: number;
    }>('SELECT client_id, member_id, endpoint, status FROM online_audit ORDER BY id')
  ).rows;

beforeAll(async () => {
  cloud = await startCloud('pglite');
  dev = await enrollDevice(cloud, 'S001');
  const pref = (key: string, value: unknown) =>
    env(++seq, 'setPreference', { memberId: MEMBER, key, value });
  const tryOn = (sku: string, outcome: string, reason: string | null) =>
    env(
      ++seq,
      'logTryOn',
      {
        tryOnId: `T-${seq}`,
        sessionId: 'V-1',
        sku,
        memberId: MEMBER,
        outcome,
        reason,
        at: '2026-11-20T09:00:00Z',
      },
      { version: 2 },
    );
  const res = await push(cloud, dev, 'e1', [
    pref('style.dre001', 'liked'),
    pref('style.dre002', 'not-for-me'),
    pref('colour.wht', 'liked'),
    pref('fit.dre001', { tried: 'S', verdict: 'too-small' }),
    tryOn('DRE001-WHT-S', 'size-swap', 'too-small'),
    tryOn('DRE001-WHT-M', 'liked', null),
  ]);
  expect(res.statusCode).toBe(200);
  await cloud.db.query(`INSERT INTO model_rows (scope, key, data) VALUES ('S001', $1, $2::jsonb)`, [
    `member:${MEMBER}`,
    JSON.stringify({
      kind: 'member',
      memberId: MEMBER,
      picks: [{ styleId: 'DRE001', score: 0.9, why: { code: 'taste', boughtBy: 3 } }],
      sizes: { dress: 'M' },
    }),
  ]);
}, 60_000);
afterAll(async () => cloud.close());

describe('online-channel API', () => {
  it('issues a client credential to the admin only', async () => {
    const denied = await adminPost(cloud, '/admin/online-clients', { name: 'e-shop' }, 'nope');
    expect(denied.statusCode).toBe(403);
    const made = await adminPost(cloud, '/admin/online-clients', { name: 'e-shop' });
    expect(made.statusCode).toBe(200);
    credential = made.json().credential;
    expect(credential).toMatch(/^oc_[a-z0-9]{12}\.[A-Za-z0-9_-]{43}$/);
    const { rows } = await cloud.db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM online_clients',
    );
    expect(rows[0]?.secret_hash).not.toContain(credential.split('.')[1]);
  });

  it('refuses a kiosk token, a wrong secret and no credential, and audits them', async () => {
    expect((await get(`${MEMBER}/profile`, dev.token)).statusCode).toBe(401);
    expect((await get(`${MEMBER}/profile`, `${credential.slice(0, -2)}xx`)).statusCode).toBe(401);
    expect((await get(`${MEMBER}/profile`, '')).statusCode).toBe(401);
    expect((await auditRows()).map((r) => [r.client_id, r.member_id, r.status])).toEqual([
      [null, MEMBER, 401],
      [null, MEMBER, 401],
      [null, MEMBER, 401],
    ]);
  });

  it('answers picks with reasons, the mirror profile and looks of a consenting member', async () => {
    const picks = (await get(`${MEMBER}/recommendations`)).json();
    expect(picks.picks[0]).toMatchObject({
      styleId: 'DRE001',
      nameEn: 'Water-repellent dress',
      reason: { en: 'Members with your taste also bought this' },
    });
    const profile = (await get(`${MEMBER}/profile`)).json();
    expect(profile.styles.liked.map((s: { styleId: string }) => s.styleId)).toEqual(['DRE001']);
    expect(profile.styles.notForMe.map((s: { styleId: string }) => s.styleId)).toEqual(['DRE002']);
    expect(profile.colours).toEqual({ liked: ['WHT'], disliked: [] });
    // "takes M in dresses, found S too small"
    expect(profile.fit).toContainEqual({
      category: 'dress',
      takes: 'M',
      foundTooSmall: ['S'],
      foundTooBig: [],
    });
    const looks = (await get(`${MEMBER}/looks`)).json();
    expect(looks.looks).toEqual([
      {
        sessionId: 'V-1',
        storeId: 'S001',
        at: '2026-11-20T09:00:00Z',
        garments: [
          { sku: 'DRE001-WHT-S', outcome: 'size-swap', reason: 'too-small' },
          { sku: 'DRE001-WHT-M', outcome: 'liked', reason: null },
        ],
      },
    ]);
  });

  it('gives nothing without profiling consent or after erasure, and audits every call', async () => {
    expect((await get(`${NO_CONSENT}/profile`)).statusCode).toBe(404);
    expect((await get('M999999/looks')).statusCode).toBe(404);
    await push(cloud, dev, 'e1', [
      env(++seq, 'requestErasure', { requestId: 'ER-1', memberId: MEMBER }),
    ]);
    for (const what of ['recommendations', 'profile', 'looks'])
      expect((await get(`${MEMBER}/${what}`)).statusCode).toBe(404);
    const rows = await auditRows();
    expect(rows).toHaveLength(3 + 3 + 2 + 3);
    expect(rows.slice(3).every((r) => r.client_id?.startsWith('oc_'))).toBe(true);
    expect(rows.at(-1)).toMatchObject({
      member_id: MEMBER,
      endpoint: '/online/v1/members/:memberId/looks',
      status: 404,
    });
  });
});
