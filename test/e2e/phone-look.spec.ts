/**
 * The mirror's look on the shopper's phone (issue 13.2), in Chromium with a phone's viewport: a
 * mirror visit on an enrolled kiosk whose network is down makes the card's QR link; the phone
 * opens it before the look has synced and reads that it is on its way; the kiosk syncs and the page
 * fills in by itself; the shopper orders online, and the order is in the cloud and, through the
 * stock stream, on the kiosk. The cloud and kiosk run in this process (real HTTP, PGlite, SQLite).
 */
import { expect, test } from '@playwright/test';
import { createCatalog } from '../../core/catalog/lookup';
import { readOnly } from '../../core/store/db';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { createScreenService } from '../../host/services/screens/screen-service';
import { startRealCloud, type RunningCloud } from '../faults/support/cloud';
import { enrolledKiosk, type EnrolledKiosk } from '../faults/support/in-process';
import { tempDir } from '../support/temp';

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};
const DRESS_S = '6970001000023'; // DRE001-WHT-S
const DRESS_M = '6970001000030'; // DRE001-WHT-M

let cloud: RunningCloud;
let kiosk: EnrolledKiosk;
const dir = tempDir('kiosk-phone-');

test.beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  kiosk = await enrolledKiosk(dir.path, cloud);
  expect((await kiosk.sync()).ok).toBe(true);
});
test.afterAll(async () => {
  kiosk?.close();
  await cloud?.close();
  dir.remove();
});

const onlineStock = () =>
  kiosk.db
    .prepare<[], { on_hand: number }>(
      "SELECT on_hand FROM stock WHERE sku = 'DRE001-WHT-S' AND location_id = 'ONLINE'",
    )
    .get()?.on_hand;

test('a mirror look on the phone: on its way while offline, then filled in, then ordered online', async ({
  browser,
}) => {
  const mirror = createScreenService({
    config: parseConfig({ storeId: 'S001', role: 'mirror' }),
    db: kiosk.db,
    catalog: createCatalog(readOnly(kiosk.db), 'S001'),
    key: kiosk.key,
    log: createLogger(null, 'silent'),
    emit: () => undefined,
  });
  let link: string;
  try {
    mirror.handleScan(new TextEncoder().encode(DRESS_M));
    const cards = mirror.handleScan(new TextEncoder().encode(DRESS_S)).cards;
    link = cards[0]?.lookUrl ?? '';
    expect(link).toMatch(new RegExp(`^${cloud.url}/m/[A-Za-z0-9_-]{22}\\?g=DRE001-WHT-S$`));
    expect(cards[1]?.lookUrl.split('?')[0]).toBe(link.split('?')[0]); // one look per visit
  } finally {
    mirror.close();
  }

  // The mirror has not synced (offline): the phone is told the look is on its way.
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  const phone = await context.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: '搭配正在路上' })).toBeVisible();
  await phone.screenshot({ path: 'docs/screenshots/phone-look-pending.zh-CN.png' });

  // The network is back: the kiosk syncs and the page fills itself in (no reload by the shopper).
  expect((await kiosk.sync()).ok).toBe(true);
  const dress = phone.locator('article#g-DRE001-WHT-S');
  await expect(dress.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(phone.locator('article')).toHaveCount(2);
  await expect(dress).toHaveClass(/focus/);
  const sizeS = dress.getByRole('row', { name: /^S\b/ });
  await expect(sizeS.getByRole('cell')).toHaveText(['0', '7', '22']); // here, other stores, online
  await expect(dress.getByRole('img')).toBeVisible();
  await phone.screenshot({ path: 'docs/screenshots/phone-look.zh-CN.png', fullPage: true });

  // Buy online, delivered home.
  const before = onlineStock();
  await dress.getByLabel('网购，送货到家').check();
  await dress.getByLabel('联系电话或收货信息').fill('138 0000 0000');
  await dress.getByRole('button', { name: '提交' }).click();
  await expect(dress.getByRole('status')).toContainText('已下单');
  const orders = await cloud.query<{
    kind: string;
    from_location: string;
    body: { lines: unknown };
  }>("SELECT kind, from_location, body FROM orders WHERE body->>'channel' = 'phone'");
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({
    kind: 'ship-from-online',
    from_location: 'ONLINE',
    body: { lines: [{ sku: 'DRE001-WHT-S', qty: 1 }] },
  });
  expect((await kiosk.sync()).ok).toBe(true);
  expect(onlineStock()).toBe((before ?? 0) - 1); // the stock stream brought the order to the kiosk

  // English, from the browser's language.
  const en = await browser.newContext({ ...PHONE, locale: 'en-GB' });
  const enPage = await en.newPage();
  await enPage.goto(link);
  await expect(
    enPage.getByRole('heading', { name: 'Water-repellent dress' }).first(),
  ).toBeVisible();
  await expect(enPage.getByText('Buy online, pick up in this store').first()).toBeVisible();
  await enPage.screenshot({ path: 'docs/screenshots/phone-look.en.png', fullPage: true });
  await en.close();
  await context.close();
});
