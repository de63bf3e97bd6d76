/**
 * Payment by code while the payment service is unreachable ("payment": "offline"): the shopper
 * gets a counter slip with a QR code and a Code 128 barcode of the slip id; the cart is kept.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile } from './support/screens';

const checkout = kioskForFile('checkout', { idleSeconds: 60, payment: 'offline' });

test('an offline payment sends the shopper to the counter with a QR and a barcode slip', async ({
  page,
}) => {
  await page.goto(checkout.kiosk.url);
  checkout.scan('6970001000016');
  await expect(page.getByRole('region', { name: '购物清单' })).toContainText('¥789.00');
  checkout.scan('134567890123456789');
  const slip = page.getByRole('region', { name: '请到收银台出示此码付款' });
  await expect(slip).toBeVisible();
  const code = (await slip.locator('.slip-code').textContent()) ?? '';
  expect(code).toMatch(/^SLIP-[0-9A-F]{8}$/);
  await expect(slip.getByRole('img', { name: code })).toHaveCount(2); // QR and Code 128
  expect(await slip.locator('svg.slip-barcode rect').count()).toBeGreaterThan(20);
  await expect(page.getByRole('region', { name: '购物清单' })).toContainText('¥789.00');
  await captureBothLanguages(page, 'checkout-slip');
});
