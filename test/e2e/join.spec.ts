/**
 * Joining at the self-checkout: phone number on the on-screen keypad, explicit consent, then the
 * new (provisional) member is signed in and the welcome coupon is offered.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile } from './support/screens';

const checkout = kioskForFile('checkout', { idleSeconds: 60 });

test('a shopper joins with a phone number and consent, and gets the welcome coupon', async ({
  page,
}) => {
  await page.goto(checkout.kiosk.url);
  checkout.scan('6970001000016');
  await expect(page.getByRole('region', { name: '购物清单' })).toContainText('¥789.00');
  await page.getByRole('button', { name: '还不是会员？用手机号加入' }).click();
  const form = page.getByRole('region', { name: '加入会员' });
  const join = form.getByRole('button', { name: '加入会员' });
  for (const digit of '13700001234')
    await form.getByRole('button', { name: digit, exact: true }).click();
  await expect(form.locator('output')).toHaveText('13700001234');
  await expect(join).toBeDisabled(); // the terms are not accepted yet
  await form.getByRole('checkbox', { name: /会员条款/ }).check();
  await expect(form.getByRole('checkbox', { name: /推荐/ })).not.toBeChecked();
  await captureBothLanguages(page, 'checkout-join');
  await join.click();
  await expect(page.getByRole('status')).toContainText('欢迎加入');
  await expect(page.getByRole('banner')).toContainText('普通会员');
  await expect(page.getByRole('region', { name: '可用优惠券' })).toContainText('新会员立减50元');
});
