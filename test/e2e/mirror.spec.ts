/**
 * A full mirror visit through the real scanner path: garment cards with sizes and stock, a
 * member signing in by QR token, "not for me" with a reason, a size request with its progress,
 * the visit's try-on list, and the visit wiped when the shopper walks away (idle).
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile, tooSmallAskForM } from './support/screens';

const mirror = kioskForFile('mirror', { idleSeconds: 6, place: '3号试衣间' });

test('a mirror visit, then the idle wipe', async ({ page }) => {
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await captureBothLanguages(page, 'mirror-attract');

  mirror.scan('6970001000016');
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
  await expect(card.getByRole('row', { name: /^XS/ })).toContainText('3');

  mirror.scan('MBR1.4N433GGMT6TCPAR4CTQP'); // 朱娟丽, silver: 3 % off
  await expect(page.getByRole('banner')).toContainText('朱*');
  await expect(card).toContainText('会员价');
  await expect(card).toContainText('¥765.33');

  await tooSmallAskForM(page, card, 'M 码 · 已通知店员');

  mirror.scan('6970001000023');
  await expect(card).toContainText('S');
  await expect(page.getByRole('region', { name: '本次试穿' }).getByRole('listitem')).toHaveCount(2);
  await captureBothLanguages(page, 'mirror-visit');

  // Opened again (from the address `kiosk start` printed, which carries the session token), the
  // screen loses nothing: the visit lives in the host.
  await page.goto('about:blank');
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('region', { name: '本次试穿' }).getByRole('listitem')).toHaveCount(2);

  // Nobody touches, scans or brings a tag for 6 s: back to attract, nothing personal left.
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('朱*')).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);
});
