/**
 * At the mirror, a size that is not in this store: ordering needs a member; once signed in the
 * shopper reserves it in another store. The card also carries the look's QR code for the phone.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile } from './support/screens';

const mirror = kioskForFile('mirror', { idleSeconds: 60, place: '试衣间 2' });

test('a member reserves a size that is only in another store; the look goes to the phone by QR', async ({
  page,
}) => {
  await page.goto(mirror.kiosk.url);
  mirror.scan('6970001000016');
  await expect(page.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
  await expect(page.getByRole('img', { name: '用手机扫码，把这件带回家慢慢看' })).toBeVisible();

  await page.getByRole('button', { name: '预订 S 码' }).click();
  const options = page.getByRole('region', { name: 'S 码本店暂无，可以为您预订' });
  await expect(options).toContainText('预订需要会员身份');
  await expect(options.getByRole('button', { name: '在其他门店预留，到店自取' })).toBeDisabled();

  mirror.scan('MBR1.4N433GGMT6TCPAR4CTQP');
  await expect(page.getByRole('banner')).toContainText('朱*');
  await expect(options.getByRole('button', { name: '在其他门店预留，到店自取' })).toBeEnabled();
  await captureBothLanguages(page, 'mirror-order');
  await options.getByRole('button', { name: '在其他门店预留，到店自取' }).click();
  await expect(page.getByRole('status')).toContainText('预订成功');
  await expect(page.getByRole('region', { name: '本次预订' })).toContainText('已在');
  await expect(page.getByRole('button', { name: '预订 S 码' })).toHaveCount(0);
});
