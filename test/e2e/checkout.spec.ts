/**
 * A full self-checkout with a member, a coupon and points, paid by a scanned payment code, then
 * the optional recommend question; and an item removal approved by staff (badge + PIN) on the
 * same screen.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, enterPin, kioskForFile } from './support/screens';

const checkout = kioskForFile('checkout', { idleSeconds: 60, place: '自助收银 1' });

test('checkout with member, coupon and points', async ({ page }) => {
  await page.goto(checkout.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await captureBothLanguages(page, 'checkout-attract');

  checkout.scan('6970001000016');
  checkout.scan('6970001000016');
  const cart = page.getByRole('region', { name: '购物清单' });
  await expect(cart.getByRole('listitem')).toContainText('¥1,578.00');

  checkout.scan('MBR1.4N433GGMT6TCPAR4CTQP');
  await expect(page.getByRole('banner')).toContainText('朱*');
  await expect(cart).toContainText('银卡会员');

  await page.getByRole('region', { name: '可用优惠券' }).getByRole('button').first().click();
  await expect(cart).toContainText('秋冬新品85折');
  await page.getByRole('button', { name: /^使用 \d+ 积分$/ }).click();
  await expect(page.getByRole('button', { name: '不使用积分' })).toBeVisible();
  await expect(cart).toContainText('积分');
  await captureBothLanguages(page, 'checkout-cart');

  checkout.scan('134567890123456789');
  await expect(page.getByRole('heading', { name: '支付成功，谢谢惠顾' })).toBeVisible();
  await captureBothLanguages(page, 'checkout-paid');
  await page
    .getByRole('group', { name: '您有多大可能向朋友推荐我们？' })
    .getByRole('button', { name: '9' })
    .click();
  await expect(page.getByRole('status')).toContainText('感谢您的反馈');

  await page.getByRole('button', { name: '结束' }).click();
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
});

test('removing an item waits for a staff member, who signs in with badge and PIN and approves', async ({
  page,
}) => {
  await page.goto(checkout.kiosk.url);
  checkout.scan('6970001000016');
  const cart = page.getByRole('region', { name: '购物清单' });
  await expect(cart.getByRole('listitem')).toHaveCount(1);
  await cart.getByRole('button', { name: '减少一件 防泼水连衣裙' }).click();
  await expect(page.getByRole('alert')).toContainText('需要店员确认');
  await expect(cart).toContainText('等待店员确认移除');

  checkout.scan('BADGE-1001');
  await expect(page.getByRole('heading', { name: '请输入 PIN' })).toBeVisible();
  await captureBothLanguages(page, 'staff-pin');
  await enterPin(page, '2468');
  const approvals = page.getByRole('region', { name: '待审批' });
  await expect(approvals).toContainText('移除商品：防泼水连衣裙');
  await approvals.getByRole('button', { name: '同意' }).click();
  await expect(cart.getByRole('listitem')).toHaveCount(0);

  checkout.scan('4006381333931');
  await expect(page.getByRole('alert')).toContainText('已通知店员');
});
