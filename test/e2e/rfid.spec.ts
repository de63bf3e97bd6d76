/**
 * RFID end to end: a UHF reader (ASCII protocol) on a real pty, the kiosk as a real process,
 * Chromium. At the mirror a garment's tag brings up its card, a neighbour's weak tag never does,
 * and a garment left in the field keeps the visit alive until it goes. At the self-checkout the
 * garments put down become the basket, one piece per tag however often it is read.
 */
import { expect, test, type Page } from '@playwright/test';
import type { SessionView } from '../../bridge/views';
import { bridgeClient } from '../support/bridge-client';
import { demoEpc, testDebounce, type RfidField } from './support/rfid';
import { captureBothLanguages, startRole, type RoleKiosk } from './support/screens';

const dress = { gtin: '6970001000016', sku: 'DRE001-WHT-XS', name: '防泼水连衣裙' };
const essentialDress = { gtin: '6970001000214', sku: 'DRE002-WHT-XS' };
const shirt = { gtin: '6970001001716', sku: 'SHI001-BEI-S' };
const tee = { gtin: '6970001003260', sku: 'TSH001-WHT-S' };

function fieldOf(role: RoleKiosk): RfidField {
  if (!role.rfid) throw new Error('kiosk started without an RFID reader');
  return role.rfid;
}

/** The host's visit, as the screen gets it (a read: it does not count as activity). */
async function hostView(role: RoleKiosk): Promise<SessionView> {
  const bridge = bridgeClient(role.kiosk.url);
  try {
    const result = await bridge['session.current']({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  } finally {
    bridge.close();
  }
}

const attract = (page: Page) => page.getByRole('heading', { name: '欢迎光临' });

test.describe('mirror', () => {
  let mirror: RoleKiosk;
  test.beforeAll(async () => {
    mirror = await startRole('mirror', { idleSeconds: 4, place: '5号试衣间' }, { rfid: true });
  });
  test.afterAll(async () => {
    await mirror?.stop();
  });

  test("a garment's tag brings its card, a weak neighbour never does, and the garment in the field keeps the visit", async ({
    page,
  }) => {
    const field = fieldOf(mirror);
    await page.goto(mirror.kiosk.url);
    await expect(attract(page)).toBeVisible();

    // The next cubicle's dress, read often but weakly; then ours, by the antenna, stays in the field.
    const neighbour = demoEpc(essentialDress.gtin, 7);
    field.read(neighbour, { count: 20, rssi: testDebounce.rssiFloor - 15 });
    const release = field.hold(demoEpc(dress.gtin, 1));
    const card = page.getByRole('article');
    await expect(card.getByRole('heading', { name: dress.name })).toBeVisible();
    expect((await hostView(mirror)).cards.map((c) => [c.sku, c.source])).toEqual([
      [dress.sku, 'rfid'],
    ]);

    // Nobody touches or scans for well over the idle time, but the dress is still in the field.
    field.read(neighbour, { count: 20, rssi: testDebounce.rssiFloor - 15 });
    await page.waitForTimeout(7_000);
    await expect(card.getByRole('heading', { name: dress.name })).toBeVisible();
    await expect(attract(page)).toHaveCount(0);
    expect((await hostView(mirror)).cards.map((c) => c.sku)).toEqual([dress.sku]);

    // The dress leaves (1.5 s without a read), then the idle time passes: wiped.
    release();
    await expect(attract(page)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('article')).toHaveCount(0);
    expect((await hostView(mirror)).cards).toEqual([]);
  });
});

test.describe('self-checkout', () => {
  let checkout: RoleKiosk;
  test.beforeAll(async () => {
    checkout = await startRole(
      'checkout',
      { idleSeconds: 60, place: '自助收银 2' },
      { rfid: true },
    );
  });
  test.afterAll(async () => {
    await checkout?.stop();
  });

  test('garments put down become the basket, one piece per tag; then paid as a member', async ({
    page,
  }) => {
    const field = fieldOf(checkout);
    await page.goto(checkout.kiosk.url);
    await expect(attract(page)).toBeVisible();

    const tags = [demoEpc(dress.gtin, 1), demoEpc(dress.gtin, 2), demoEpc(shirt.gtin, 1)];
    for (const epc of tags) field.read(epc);
    const cart = page.getByRole('region', { name: '购物清单' });
    const qty = (sku: string) => cart.locator(`[data-sku="${sku}"]`).getByLabel('数量');
    await expect(qty(dress.sku)).toHaveText('2');
    await expect(qty(shirt.sku)).toHaveText('1');
    await expect(cart.getByRole('listitem')).toHaveCount(2);
    await captureBothLanguages(page, 'checkout-rfid-basket');

    // The same tags read again and again, then gone long enough to leave and read once more.
    for (const epc of tags) field.read(epc, { count: 30 });
    await page.waitForTimeout(testDebounce.leaveAfterMs + 1_000);
    for (const epc of tags) field.read(epc);
    // A new piece put down after all of those reads (same reader, so handled after them).
    field.read(demoEpc(tee.gtin, 1));
    await expect(qty(tee.sku)).toHaveText('1');
    await expect(qty(dress.sku)).toHaveText('2');
    await expect(qty(shirt.sku)).toHaveText('1');
    await expect(cart.getByRole('listitem')).toHaveCount(3);

    checkout.scan('MBR1.4N433GGMT6TCPAR4CTQP');
    await expect(page.getByRole('banner')).toContainText('朱*');
    await expect(cart).toContainText('银卡会员');
    checkout.scan('134567890123456789');
    await expect(page.getByRole('heading', { name: '支付成功，谢谢惠顾' })).toBeVisible();
  });
});
