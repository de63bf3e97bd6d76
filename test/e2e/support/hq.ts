/**
 * The HQ console against a real cloud process: enrolled kiosks that report heartbeats (and one
 * that never does, so the fleet has a stale kiosk), sign-in states saved once per demo user so the
 * specs do not sign in on every page (and stay under the login rate limit), and the view titles
 * and other stores' names the specs look for.
 */
import { request, type APIRequestContext } from '@playwright/test';
import { HQ_VIEWS as ALL_HQ_VIEWS, type HqView } from '../../../cloud/hq-api';
import { ADMIN_TOKEN, type CloudProcess } from './cloud';

/** Every view of the console, for the analyst's navigation. */
export { ALL_HQ_VIEWS };
/** The six analytics views (campaigns have their own spec, campaigns.spec.ts). */
export type HqViewName = Exclude<HqView, 'campaigns'>;
export const HQ_VIEWS = ALL_HQ_VIEWS.filter((view): view is HqViewName => view !== 'campaigns');
export type HqLanguage = 'zh-CN' | 'en';

export const VIEW_TITLES: Record<HqLanguage, Record<HqViewName, string>> = {
  'zh-CN': {
    overview: '销售总览',
    'fitting-room': '试衣间：试穿 → 喜欢 → 购买',
    reasons: '为什么没有买',
    stock: '销售与库存',
    members: '会员：RFM、复购、留存、NPS',
    fleet: '设备状态',
  },
  en: {
    overview: 'Sales overview',
    'fitting-room': 'Fitting room: tried → liked → bought',
    reasons: 'Why shoppers did not buy',
    stock: 'Sales and stock',
    members: 'Members: RFM, repeat purchase, retention, NPS',
    fleet: 'Kiosk fleet',
  },
};

/** Names of the stores a manager of S001 must never see, in both languages. */
export const OTHER_STORE_NAMES = [
  '北京三里屯店',
  'Beijing Sanlitun',
  '深圳万象城店',
  'Shenzhen MixC',
];

export const DEMO_LOGINS = {
  analyst: { username: 'analyst', password: 'analyst-demo-2026' },
  manager: { username: 'manager.s001', password: 'manager-demo-2026' },
} as const;
export type DemoRole = keyof typeof DEMO_LOGINS;

export interface Kiosk {
  deviceId: string;
  token: string;
  storeId: string;
}

export async function enrollKiosk(
  cloud: CloudProcess,
  storeId: string,
  deviceName: string,
  role: 'mirror' | 'checkout' | 'staff',
): Promise<Kiosk> {
  const codeRes = await fetch(`${cloud.url}/admin/enrollment-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ storeId, ttlSeconds: 600 }),
  });
  const { code } = (await codeRes.json()) as { code: string };
  const res = await fetch(`${cloud.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName, role }),
  });
  if (res.status !== 200) throw new Error(`enroll ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { deviceId: string; token: string };
  return { deviceId: body.deviceId, token: body.token, storeId };
}

/** What a kiosk sends after a sync run: one queued mutation, a printer in error, 2 errors. */
export async function sendHeartbeat(cloud: CloudProcess, kiosk: Kiosk, role: string) {
  const now = new Date().toISOString();
  const res = await fetch(`${cloud.url}/v1/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk.token}` },
    body: JSON.stringify({
      deviceId: kiosk.deviceId,
      appVersion: '0.1.0',
      role,
      lastSyncAt: now,
      outboxDepth: 1,
      parked: 0,
      oldestPendingAt: now,
      devices: [
        { id: 'scanner', kind: 'scanner', state: 'ready' },
        { id: 'printer', kind: 'printer', state: 'error' },
      ],
      errors24h: 2,
      lastErrorKind: 'network',
    }),
  });
  if (res.status !== 200) throw new Error(`heartbeat ${res.status}: ${await res.text()}`);
}

/** Signs in once through the API and returns the browser storage state with the session cookie. */
export async function signedInState(cloud: CloudProcess, role: DemoRole) {
  const api: APIRequestContext = await request.newContext({ baseURL: cloud.url });
  const res = await api.post('/hq/api/session', { data: DEMO_LOGINS[role] });
  if (res.status() !== 200) throw new Error(`sign-in ${role}: ${res.status()}`);
  const state = await api.storageState();
  await api.dispose();
  return state;
}
