/**
 * Access to every HQ endpoint for every role, table-driven: analysts read everything, marketing
 * the overview and members, a store manager everything of their own store and nothing of another
 * — not by default, not by naming another store, city or ONLINE in the URL, not through a
 * drill-down parameter. Nobody reads anything without a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_KINDS, type HqRole, type MetaResponse, type RowKind } from '../../hq-api';
import {
  DEMO_DIR,
  enrollDevice,
  env,
  push,
  quietHeartbeat,
  startCloud,
  type Cloud,
} from '../../test/harness';
import { createUser } from '../auth/users';
import { loadDemoHistory } from '../demo/history';

const RANGE = 'from=2026-03-01&to=2026-11-30';
const VIEWS = ['overview', 'fitting-room', 'reasons', 'stock', 'members', 'fleet'] as const;
const OTHER_STORES = /"(S002|S003|ONLINE)"/;

const ALLOWED_VIEWS: Record<HqRole, readonly string[]> = {
  analyst: VIEWS,
  'store-manager': VIEWS,
  marketing: ['overview', 'members'],
};
const ALLOWED_ROWS: Record<HqRole, readonly RowKind[]> = {
  analyst: ROW_KINDS,
  'store-manager': ROW_KINDS,
  marketing: ['sales', 'rfm-members', 'member-months', 'members', 'nps'],
};
/** A summed column of each kind, for the `measure` (ratio / average) form of every endpoint. */
const MEASURED: Record<RowKind, string> = {
  sales: 'netCents',
  visits: 'garments',
  garments: 'rows',
  'size-requests': 'bringSeconds',
  stock: 'onHand',
  'rfm-members': 'netCents',
  'member-months': 'orders',
  members: 'rows',
  nps: 'score',
  kiosks: 'outboxDepth',
};

let cloud: Cloud;
const cookies = new Map<HqRole, string>();

async function signIn(username: string): Promise<string> {
  const res = await cloud.app.inject({
    method: 'POST',
    url: '/hq/api/session',
    payload: { username, password: 'long-enough-pw' },
  });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0] ?? '';
}

const get = (url: string, cookie?: string) =>
  cloud.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  cloud = await startCloud('pglite');
  await loadDemoHistory(cloud.db, DEMO_DIR);
  for (const [username, role, storeId] of [
    ['an.alyst', 'analyst', null],
    ['mgr.s001', 'store-manager', 'S001'],
    ['mark.eting', 'marketing', null],
  ] as const) {
    const made = await createUser(
      cloud.db,
      { username, displayName: username, role, storeId, password: 'long-enough-pw' },
      new Date(),
    );
    expect(made.ok).toBe(true);
    cookies.set(role, await signIn(username));
  }
  // live data in two stores: a size request and an NPS answer each, and a heartbeat
  for (const store of ['S001', 'S002']) {
    const dev = await enrollDevice(cloud, store);
    const res = await push(cloud, dev, 'e1', [
      env(
        1,
        'staffRequest',
        {
          requestId: `rq-${store}`,
          kind: 'size',
          place: 'room 1',
          sku: 'DRE001-WHT-S',
          size: 'S',
          nameZh: null,
          nameEn: null,
          createdAt: '2026-09-10T03:00:00Z',
        },
        { version: 2 },
      ),
      env(2, 'recordNps', { npsId: `nps-${store}`, score: 9, comment: null, memberId: null }),
    ]);
    expect(res.statusCode).toBe(200);
    await cloud.app.inject({
      method: 'POST',
      url: '/v1/heartbeat',
      headers: { authorization: `Bearer ${dev.token}` },
      payload: quietHeartbeat(dev.deviceId),
    });
  }
}, 180_000);
afterAll(async () => cloud.close());

describe('HQ access by role', () => {
  const roles: HqRole[] = ['analyst', 'store-manager', 'marketing'];
  const cases = roles.flatMap((role) => [
    ...VIEWS.map((v) => ({
      role,
      url: `/hq/api/${v}?${RANGE}`,
      allowed: ALLOWED_VIEWS[role].includes(v),
    })),
    ...ROW_KINDS.map((k) => ({
      role,
      url: `/hq/api/rows/${k}?${RANGE}&limit=200`,
      allowed: ALLOWED_ROWS[role].includes(k),
    })),
    ...ROW_KINDS.map((k) => ({
      role,
      url: `/hq/api/rows/${k}?${RANGE}&measure=${MEASURED[k]}`,
      allowed: ALLOWED_ROWS[role].includes(k),
    })),
    ...ROW_KINDS.map((k) => ({
      role,
      url: `/hq/api/rows/${k}/csv?${RANGE}`,
      allowed: ALLOWED_ROWS[role].includes(k),
    })),
    { role, url: '/hq/api/meta', allowed: true },
    { role, url: '/hq/api/session', allowed: true },
  ]);

  it.each(cases)('$role GET $url', async ({ role, url, allowed }) => {
    const res = await get(url, cookies.get(role));
    expect(res.statusCode).toBe(allowed ? 200 : 403);
    if (role === 'store-manager') expect(res.body).not.toMatch(OTHER_STORES);
  });

  it.each([
    ...VIEWS.map((v) => `/hq/api/${v}?${RANGE}`),
    ...ROW_KINDS.map((k) => `/hq/api/rows/${k}?${RANGE}`),
    '/hq/api/meta',
  ])('nobody reads %s without a session', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('an analyst sees every store; the numbers differ by store', async () => {
    const res = await get(`/hq/api/fitting-room?${RANGE}`, cookies.get('analyst'));
    const stores = (res.json() as { byStore: { storeId: string; garments: number }[] }).byStore;
    expect(stores.map((s) => s.storeId)).toEqual(['S001', 'S002', 'S003']);
    expect(stores.every((s) => s.garments > 0)).toBe(true);
    expect((await get(`/hq/api/fleet?${RANGE}`, cookies.get('analyst'))).body).toMatch(/"S002"/);
  });

  it.each([
    `stores=S002`,
    `stores=S001,S002`,
    `stores=ONLINE`,
    `cities=Beijing`,
    `cities=Shanghai,Beijing`,
  ])('a store manager who edits the URL to %s gets nothing of another store', async (edit) => {
    for (const v of VIEWS) {
      const res = await get(`/hq/api/${v}?${RANGE}&${edit}`, cookies.get('store-manager'));
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(OTHER_STORES);
    }
    const rows = await get(`/hq/api/rows/garments?${RANGE}&${edit}`, cookies.get('store-manager'));
    expect(rows.statusCode).toBe(403);
  });

  it("a store manager's own store, named or by its city, is allowed; a drill-down into another store is empty", async () => {
    const own = await get(
      `/hq/api/fitting-room?${RANGE}&stores=S001&cities=Shanghai`,
      cookies.get('store-manager'),
    );
    expect(own.statusCode).toBe(200);
    expect(
      (own.json() as { byStore: { storeId: string }[] }).byStore.map((s) => s.storeId),
    ).toEqual(['S001']);
    for (const kind of [
      'garments',
      'size-requests',
      'stock',
      'sales',
      'visits',
      'nps',
      'kiosks',
    ] as const) {
      const res = await get(
        `/hq/api/rows/${kind}?${RANGE}&storeId=S002&measure=${MEASURED[kind]}`,
        cookies.get('store-manager'),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ total: 0, rows: [], aggregate: { rows: 0 } });
    }
  });

  it("a store manager's ratio and fleet totals count their own store only; the analyst's count all", async () => {
    const measure = async (role: HqRole, url: string) => {
      const res = await get(url, cookies.get(role));
      expect(res.statusCode).toBe(200);
      return res.json<{ aggregate: { rows: number; sum: number | null } }>().aggregate;
    };
    const kiosks = `/hq/api/rows/kiosks?${RANGE}&measure=outboxDepth`;
    expect((await measure('analyst', kiosks)).rows).toBeGreaterThanOrEqual(2);
    expect(await measure('store-manager', kiosks)).toEqual({ rows: 1, sum: 0 });
    const sales = `/hq/api/rows/sales?${RANGE}&measure=netCents`;
    const all = await measure('analyst', sales);
    const own = await measure('store-manager', sales);
    const s001 = await measure('analyst', `${sales}&storeId=S001`);
    expect(own).toEqual(s001);
    expect(own.rows).toBeGreaterThan(0);
    expect(all.rows).toBeGreaterThan(own.rows);
    expect(all.sum ?? 0).toBeGreaterThan(own.sum ?? 0);
  });

  it("garments since the last sale (any date) still stay in the store manager's store", async () => {
    const other = await get(
      `/hq/api/rows/garments?${RANGE}&storeId=S002&sinceSale=yes&measure=rows`,
      cookies.get('store-manager'),
    );
    expect(other.json()).toMatchObject({ total: 0, aggregate: { rows: 0 } });
    const all = await get(
      `/hq/api/rows/garments?${RANGE}&sinceSale=yes`,
      cookies.get('store-manager'),
    );
    expect(all.statusCode).toBe(200);
    expect(all.body).not.toMatch(OTHER_STORES);
  });

  it('a measure that is not a numeric column of the rows is a bad request', async () => {
    for (const measure of ['saleId', 'nothing', 'member'])
      expect(
        (await get(`/hq/api/rows/sales?${RANGE}&measure=${measure}`, cookies.get('analyst')))
          .statusCode,
      ).toBe(400);
  });
  it('labels styles with their catalog thumbnail, served by the cloud on the same origin', async () => {
    const res = await get('/hq/api/meta', cookies.get('store-manager'));
    const styles = res.json<MetaResponse>().styles;
    const dress = styles.find((s) => s.styleId === 'DRE001');
    expect(dress?.imageHash).toMatch(/^[0-9a-f]{64}$/);
    const image = await get(`/media/${dress?.imageHash ?? ''}/thumb`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
  });
});
