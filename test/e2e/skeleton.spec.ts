/**
 * Walking skeleton, end to end: a barcode written to a real pseudo-terminal reaches the kiosk's
 * serial scanner driver, is decoded and looked up in SQLite, and appears in Chromium.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskForFile } from './support/screens';

const mirror = kioskForFile('mirror');

test('a scanned GTIN shows the product; unknown and garbage codes show calm errors; scanning goes on', async ({
  page,
}) => {
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0); // connected: no reconnect notice

  mirror.scan('6970001000016');
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
  await expect(card).toContainText('白色');
  await expect(card).toContainText('XS');
  await expect(card).toContainText('¥789.00');
  await expect(card).toContainText('有货 3 件');

  await page.getByRole('button', { name: '语言' }).click();
  await expect(card.getByRole('heading', { name: 'Water-repellent dress' })).toBeVisible();
  await expect(card).toContainText('White');

  mirror.scan('4006381333931');
  await expect(page.getByRole('alert')).toContainText('Item not found, please ask a staff member');

  mirror.writeRaw(Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x41, 0x80, 0x0d]));
  await expect(page.getByRole('alert')).toContainText('could not be read');

  await page.getByRole('button', { name: 'Language' }).click();
  mirror.scan('6970001000023');
  await expect(page.getByRole('article')).toContainText('防泼水连衣裙');
  await expect(page.getByRole('article')).toContainText('S');
});

test('the session token: taken from the address into memory only; without it the page cannot connect', async ({
  page,
  context,
}) => {
  await page.goto(mirror.kiosk.url);
  await expect(page.locator('.app')).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0); // connected
  expect(page.url()).toBe(mirror.kiosk.url.replace(/#.*$/, ''));
  expect(
    await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
  ).toEqual([0, 0, '']);
  expect(await context.cookies()).toEqual([]);

  // The address without its fragment (or with a wrong token) reaches no host.
  const bare = await context.newPage();
  await bare.goto(mirror.kiosk.url.replace(/#.*$/, ''));
  await expect(bare.getByRole('status')).toContainText('会话密钥');
  const wrong = await context.newPage();
  await wrong.goto(mirror.kiosk.url.replace(/#t=.*$/, `#t=${'A'.repeat(43)}`));
  await expect(wrong.getByRole('status')).toContainText('正在重新连接');
  mirror.scan('6970001000016');
  await expect(page.getByRole('article')).toContainText('防泼水连衣裙');
  await expect(wrong.getByRole('article')).toHaveCount(0);
  // Logged by reason, never with the token offered.
  const log = () => readFileSync(join(mirror.kiosk.dataDir, 'logs', 'kiosk.log'), 'utf8');
  await expect.poll(log).toMatch(/"reason":"bad-token".*"msg":"bridge connection refused"/);
  expect(log()).not.toContain('A'.repeat(43));
  expect(log()).not.toContain(mirror.kiosk.token);
});
