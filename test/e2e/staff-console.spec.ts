/**
 * The staff console beyond sign-in: the member panel with and without consent, a guided session
 * with a customer, sync status with "sync now" (staff screen); and at a checkout a price override
 * asked by an associate and approved by a supervisor (badge + PIN), then a void.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, signIn, startRole, type RoleKiosk } from './support/screens';

const CONSENT_TOKEN = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003 朱娟丽, silver, consent_profile = 1
const NO_CONSENT_CARD = '6280000000000099'; // M000009 朱洋强, consent_profile = 0
const DRESS = '6970001000016'; // 防泼水连衣裙 white XS, ¥789

let staff: RoleKiosk;
let checkout: RoleKiosk;

test.beforeAll(async () => {
  staff = await startRole('staff', { idleSeconds: 120 });
  checkout = await startRole('checkout', { idleSeconds: 120, place: '自助收银 2' });
});
test.afterAll(async () => {
  await staff?.stop();
  await checkout?.stop();
});

test('member panel with and without consent, guided session, sync now', async ({ page }) => {
  await page.goto(staff.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await signIn(page, staff, 'BADGE-1001', '2468');
  await expect(page.getByRole('banner')).toContainText('周婷');

  const sync = page.getByRole('region', { name: '同步状态' });
  await expect(sync).toContainText('云端连接');
  await expect(sync).toContainText('待同步');
  await sync.getByRole('button', { name: '立即同步' }).click();
  await expect(sync.getByRole('status')).toContainText(/同步完成|同步未完成/);

  const panel = page.getByRole('region', { name: '会员信息' });
  staff.scan(CONSENT_TOKEN);
  await expect(panel).toContainText('朱*');
  await expect(panel).toContainText('银卡会员');
  await expect(panel).toContainText('会员分群');
  await expect(panel).toContainText('最近购买');
  await expect(panel).not.toContainText('未显示会员画像');
  await captureBothLanguages(page, 'staff-member');
  await panel.getByRole('button', { name: '关闭会员信息' }).click();
  await expect(panel).not.toContainText('朱*');

  await panel.getByLabel('会员卡号或会员码').fill(NO_CONSENT_CARD);
  await panel.getByRole('button', { name: '查询会员' }).click();
  await expect(panel).toContainText('未显示会员画像：会员未同意使用个人资料');
  await expect(panel).toContainText('普通会员');
  await expect(panel).not.toContainText('会员分群');
  await captureBothLanguages(page, 'staff-member-no-consent');
  await panel.getByRole('button', { name: '关闭会员信息' }).click();

  const guided = page.getByRole('region', { name: '陪同试穿' });
  await guided.getByRole('button', { name: '开始陪同试穿' }).click();
  staff.scan(DRESS);
  await expect(guided.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
  await expect(guided.getByRole('region', { name: '搭配推荐' })).toBeVisible();
  staff.scan(CONSENT_TOKEN);
  await expect(page.getByRole('banner')).toContainText('朱*');
  await expect(guided.getByRole('region', { name: '为你推荐' })).toBeVisible();
  await captureBothLanguages(page, 'staff-guided');
  await guided.getByRole('button', { name: '结束陪同试穿' }).click();
  await expect(guided.getByRole('heading', { name: '防泼水连衣裙' })).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('朱*');
  await expect(page.getByRole('banner')).toContainText('周婷'); // still signed in

  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await expect(page.getByRole('region', { name: '会员信息' })).toHaveCount(0);
});

test('an associate overrides a price, a supervisor approves it; then the supervisor voids', async ({
  page,
}) => {
  await page.goto(checkout.kiosk.url);
  checkout.scan(DRESS);
  const cart = page.getByRole('region', { name: '购物清单' });
  await expect(cart.getByRole('listitem')).toHaveCount(1);

  await signIn(page, checkout, 'BADGE-1001', '2468');
  const tools = page.getByRole('region', { name: '收银操作' });
  await tools.getByLabel('新单价（元）').fill('600');
  await tools.getByRole('button', { name: '破损' }).click();
  await tools.getByRole('button', { name: '改价', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('需要主管批准');
  await expect(tools).toContainText('等待主管批准：防泼水连衣裙 → ¥600.00');
  await page.getByRole('button', { name: '退出' }).click();

  await signIn(page, checkout, 'BADGE-2001', '8642');
  const approvals = page.getByRole('region', { name: '待审批' });
  await expect(approvals).toContainText('改价：防泼水连衣裙 ¥789.00 → ¥600.00（破损）');
  await approvals.getByRole('button', { name: '同意' }).click();
  await expect(cart).toContainText('改价（破损）防泼水连衣裙');
  await expect(cart).toContainText('-¥189.00');
  await expect(cart.locator('.total')).toContainText('¥600.00');
  await captureBothLanguages(page, 'checkout-override');

  await tools.getByRole('button', { name: '整单作废' }).click();
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await expect(page.getByRole('status').or(page.getByRole('alert'))).toContainText('本单已作废');
  await expect(page.getByRole('banner')).not.toContainText('林雪');
});
