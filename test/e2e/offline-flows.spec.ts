/**
 * The same flows online and offline, with kiosks enrolled in a real member cloud (cloud/main.ts on
 * PGlite, a child process): a mirror visit ending in the idle wipe, a checkout with member, coupon
 * and points, and a staff approval; first with the cloud up (no offline indicator), then with the
 * cloud stopped (the calm offline indicator; payment by code follows the network to the counter
 * slip), then the cloud comes back: every kiosk drains its outbox and the cloud holds the sale
 * made offline exactly once.
 *
 * Kiosks: a mirror, a checkout whose payment follows the network (the default), and a till whose
 * payment provider stays reachable while the cloud is away (`"payment": "sim"`), so a sale with
 * points is made offline and synced later.
 */
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { bridgeClient } from '../support/bridge-client';
import { kioskCli, startCloudProcess, type CloudProcess } from './support/cloud';
import { signIn, startRole, tooSmallAskForM, type RoleKiosk } from './support/screens';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const MEMBER_QR = 'MBR1.4N433GGMT6TCPAR4CTQP'; // 朱娟丽, silver
// The till's shopper is another member: the online sale above spent most of 朱娟丽's points.
const TILL_MEMBER = { qr: 'MBR1.FAWSLKMBCD2UY7HC88H4', masked: '何*' }; // M000013, 16915 points
const DRESS = '6970001000016';
const DRESS_S = '6970001000023';
const PAYMENT_CODE = '134567890123456789';
const OFFLINE_CAP = 3000;

let cloud: CloudProcess;
let mirror: RoleKiosk;
let checkout: RoleKiosk;
let till: RoleKiosk;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cloud = await startCloudProcess();
  const enroll = async () => ({ enroll: { url: cloud.url, code: await cloud.enrollmentCode() } });
  mirror = await startRole('mirror', { idleSeconds: 6, place: '3号试衣间' }, await enroll());
  checkout = await startRole('checkout', { idleSeconds: 60 }, await enroll());
  till = await startRole(
    'checkout',
    { idleSeconds: 60, payment: 'sim', offlinePointsDailyCap: OFFLINE_CAP },
    await enroll(),
  );
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status === info.expectedStatus) return;
  for (const [name, k] of Object.entries({ mirror, checkout, till })) {
    await info.attach(`${name}.log`, { body: k?.kiosk.output() ?? '' });
    if (k) await info.attach(`${name}.outbox`, { body: outboxProblems(k) });
  }
  await info.attach('cloud.log', { body: cloud?.output() ?? '' });
});
test.afterAll(async () => {
  await mirror?.stop();
  await checkout?.stop();
  await till?.stop();
  await cloud?.remove();
});

interface SyncStatusJson {
  enrolled: boolean;
  deviceId: string | null;
  queueDepth: number;
  parked: number;
}

/** Outbox rows the cloud parked or rejected, for the failure report. */
function outboxProblems(kiosk: RoleKiosk): string {
  const db = new Database(join(kiosk.kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT mutation, state, last_error FROM outbox WHERE state = 'parked' OR last_error IS NOT NULL",
      )
      .all();
    return JSON.stringify(rows, null, 1);
  } finally {
    db.close();
  }
}

function syncStatus(kiosk: RoleKiosk): SyncStatusJson {
  const r = kioskCli(kiosk.kiosk.dataDir, ['sync', 'status', '--json']);
  expect(r.code, r.stdout).toBe(0);
  return JSON.parse(r.stdout) as SyncStatusJson;
}

/**
 * Runs "sync now" on the kiosk as staff do from the console (a supervisor signs in by typed badge
 * and PIN, and out again afterwards) until it reports `want`.
 */
async function syncUntil(kiosk: RoleKiosk, want: 'online' | 'offline'): Promise<void> {
  const api = bridgeClient(kiosk.kiosk.url);
  try {
    expect(await api['staff.login']({ badge: 'BADGE-2001', pin: '8642' })).toMatchObject({
      ok: true,
      value: { staff: { staffId: 'E2001' } },
    });
    await expect
      .poll(
        async () => {
          const r = await api['staff.syncNow']({});
          return r.ok && r.value ? r.value.status.connectivity : 'no answer';
        },
        { timeout: 30_000 },
      )
      .toBe(want);
  } finally {
    await api['staff.logout']({});
    api.close();
  }
}

async function expectIndicator(page: Page, want: 'online' | 'offline'): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('data-cloud', want);
  const indicator = page.getByRole('status').filter({ hasText: '离线模式' });
  if (want === 'offline') await expect(indicator).toBeVisible();
  else await expect(indicator).toHaveCount(0);
}

async function mirrorVisitThenIdleWipe(page: Page, cloudState: 'online' | 'offline') {
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await expectIndicator(page, cloudState);
  mirror.scan(DRESS);
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
  mirror.scan(MEMBER_QR);
  await expect(page.getByRole('banner')).toContainText('朱*');
  await expect(card).toContainText('会员价');
  await tooSmallAskForM(page, card, 'M 码');
  mirror.scan(DRESS_S);
  await expect(page.getByRole('region', { name: '本次试穿' }).getByRole('listitem')).toHaveCount(2);
  await expectIndicator(page, cloudState);
  // Nobody touches or scans for 6 s: back to attract, nothing personal left.
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('朱*')).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);
}

/**
 * Item, member, the first coupon offered and (unless `points` is false) points; returns the
 * points the redeem button offered.
 */
async function fillCart(
  page: Page,
  kiosk: RoleKiosk,
  o: { member?: { qr: string; masked: string }; points?: boolean } = {},
): Promise<number> {
  const member = o.member ?? { qr: MEMBER_QR, masked: '朱*' };
  await page.goto(kiosk.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  kiosk.scan(DRESS);
  const cart = page.getByRole('region', { name: '购物清单' });
  await expect(cart.getByRole('listitem')).toContainText('¥789.00');
  kiosk.scan(member.qr);
  await expect(page.getByRole('banner')).toContainText(member.masked);
  await page.getByRole('region', { name: '可用优惠券' }).getByRole('button').first().click();
  await expect(cart).toContainText('秋冬新品85折');
  if (o.points === false) return 0;
  const redeem = page.getByRole('button', { name: /^使用 \d+ 积分$/ });
  const points = Number(/\d+/.exec((await redeem.textContent()) ?? '')?.[0]);
  await redeem.click();
  await expect(page.getByRole('button', { name: '不使用积分' })).toBeVisible();
  await expect(cart).toContainText('积分');
  return points;
}

async function staffApprovesRemoval(page: Page, kiosk: RoleKiosk) {
  await page.goto(kiosk.kiosk.url);
  kiosk.scan(DRESS);
  const cart = page.getByRole('region', { name: '购物清单' });
  await expect(cart.getByRole('listitem')).toHaveCount(1);
  await cart.getByRole('button', { name: '减少一件 防泼水连衣裙' }).click();
  await expect(cart).toContainText('等待店员确认移除');
  await signIn(page, kiosk, 'BADGE-1001', '2468');
  const approvals = page.getByRole('region', { name: '待审批' });
  await expect(approvals).toContainText('移除商品：防泼水连衣裙');
  await approvals.getByRole('button', { name: '同意' }).click();
  await expect(cart.getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: '退出' }).click();
  await endVisit(page);
}

async function endVisit(page: Page) {
  await page.getByRole('button', { name: '结束' }).click();
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
}

test('online: the flows with the cloud up, no offline indicator', async ({ page }) => {
  for (const kiosk of [mirror, checkout, till]) await syncUntil(kiosk, 'online');
  await mirrorVisitThenIdleWipe(page, 'online');

  await fillCart(page, checkout);
  await expectIndicator(page, 'online');
  checkout.scan(PAYMENT_CODE);
  await expect(page.getByRole('heading', { name: '支付成功，谢谢惠顾' })).toBeVisible();
  await endVisit(page);

  await staffApprovesRemoval(page, checkout);
});

test('offline: the same flows with the cloud gone, a calm indicator and the counter slip', async ({
  page,
}) => {
  await cloud.stop();
  for (const kiosk of [mirror, checkout, till]) await syncUntil(kiosk, 'offline');
  await mirrorVisitThenIdleWipe(page, 'offline');

  // Payment follows the network: the checkout cannot reach its provider and offers the counter.
  await fillCart(page, checkout, { points: false });
  await expectIndicator(page, 'offline');
  checkout.scan(PAYMENT_CODE);
  const slip = page.getByRole('region', { name: '请到收银台出示此码付款' });
  await expect(slip).toBeVisible();
  expect((await slip.locator('.slip-code').textContent()) ?? '').toMatch(/^SLIP-[0-9A-F]{8}$/);
  await endVisit(page);

  // The till's provider is reachable: a sale with member, coupon and points, within the offline cap.
  const offered = await fillCart(page, till, { member: TILL_MEMBER });
  expect(offered).toBe(OFFLINE_CAP);
  till.scan(PAYMENT_CODE);
  await expect(page.getByRole('heading', { name: '支付成功，谢谢惠顾' })).toBeVisible();
  await expectIndicator(page, 'offline');
  await endVisit(page);

  await staffApprovesRemoval(page, till);
  for (const kiosk of [mirror, till]) expect(syncStatus(kiosk).queueDepth).toBeGreaterThan(0);
});

test('back online: every outbox drains and the offline sale is in the cloud exactly once', async ({
  page,
}) => {
  await cloud.start();
  for (const kiosk of [mirror, checkout, till]) await syncUntil(kiosk, 'online');
  await page.goto(till.kiosk.url);
  await expectIndicator(page, 'online');
  for (const kiosk of [mirror, checkout, till])
    expect(syncStatus(kiosk)).toMatchObject({ queueDepth: 0, parked: 0 });

  const tillDevice = syncStatus(till).deviceId;
  const checkoutDevice = syncStatus(checkout).deviceId;
  const mirrorDevice = syncStatus(mirror).deviceId;
  await cloud.stop();
  const sales = await cloud.query<{ sale_id: string; device_id: string }>(
    'SELECT sale_id, device_id FROM sales',
  );
  test.info().annotations.push({
    type: 'cloud sales',
    description: JSON.stringify({ sales, tillDevice, checkoutDevice }),
  });
  // One sale paid online at the checkout, one offline at the till; the slip is not a sale.
  expect(sales.filter((s) => s.device_id === checkoutDevice)).toHaveLength(1);
  const offline = sales.filter((s) => s.device_id === tillDevice);
  expect(offline).toHaveLength(1);
  const ledger = await cloud.query<{ delta: number }>(
    'SELECT delta FROM points_ledger WHERE sale_id = $1 ORDER BY delta',
    [offline[0]?.sale_id ?? ''],
  );
  expect(ledger.map((r) => Math.sign(r.delta))).toEqual([-1, 1]); // one redemption, one earn
  expect(ledger[0]?.delta).toBe(-OFFLINE_CAP);
  const tryons = await cloud.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM tryons WHERE device_id = $1',
    [mirrorDevice],
  );
  expect(tryons[0]?.n).toBeGreaterThanOrEqual(4); // two garments in each visit
});
