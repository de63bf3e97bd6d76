/**
 * A campaign from the HQ console to the till and back (issue 13.1), in Chromium: marketing signs
 * in, fills the new-campaign form (segments × store, a coupon, the schedule, 10 % control), previews
 * and saves it, launches it on its page; an enrolled kiosk pulls, the checkout offers the coupon to
 * a targeted member who pays with it; the campaign page then counts the redemption. Then an
 * enrolled mirror and staff console (kiosk processes, the built renderer) pull it: the mirror tells
 * a consenting targeted member that a coupon is waiting, and tells nothing to a member without
 * marketing consent nor to a control member; the staff member panel lists the offer. The cloud
 * (with the built console, `npm run build:hq`) and the checkout's kiosk run in this process.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createUser } from '../../cloud/hq/auth/users';
import { loadDemoHistory } from '../../cloud/hq/demo/history';
import { createCode, DEMO_DIR, startCloud } from '../../cloud/test/harness';
import { checkoutScreen, enrolledKiosk } from '../faults/support/in-process';
import type { RunningCloud } from '../faults/support/cloud';
import { bridgeClient } from '../support/bridge-client';
import { repoRoot, tempDir } from '../support/temp';
import { captureBothLanguages, signIn, startRole, type RoleKiosk } from './support/screens';

const consoleDir = join(repoRoot, 'dist/hq');
const DRESS = '6970001000016';
const NO_MARKETING_QR = 'MBR1.9C7HV7NT83NDGA4NWA3Z'; // M000020, S001, no marketing consent
let cloud: RunningCloud;
const dir = tempDir('kiosk-campaign-e2e-');

test.beforeAll(async () => {
  if (!existsSync(join(consoleDir, 'index.html')))
    throw new Error('the HQ console is not built: run `npm run build:hq` first');
  const c = await startCloud('pglite', { app: { hq: { consoleDir } } });
  c.clock.ms = Date.now();
  let aheadMs = 0;
  const tick = setInterval(() => (c.clock.ms = Date.now() + aheadMs), 50);
  tick.unref();
  await loadDemoHistory(c.db, DEMO_DIR);
  await createUser(
    c.db,
    {
      username: 'mark.eting',
      displayName: '市场部 Mark',
      role: 'marketing',
      storeId: null,
      password: 'long-enough-pw',
    },
    new Date(),
  );
  await c.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (c.app.server.address() as AddressInfo).port;
  cloud = {
    cloud: c,
    port,
    url: `http://127.0.0.1:${port}`,
    code: () => createCode(c, 'S001', 3600),
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await c.db.query(sql, params as never)).rows as T[],
    advance: (ms: number) => {
      aheadMs += ms;
      c.clock.ms = Date.now() + aheadMs;
    },
    close: async () => {
      clearInterval(tick);
      await c.close();
    },
  };
});
test.afterAll(async () => {
  await cloud?.close();
  dir.remove();
});

/** "Sync now" on an enrolled kiosk process, as a supervisor does from the console, until online. */
async function syncNow(kiosk: RoleKiosk): Promise<void> {
  const api = bridgeClient(kiosk.kiosk.url);
  try {
    expect((await api['staff.login']({ badge: 'BADGE-2001', pin: '8642' })).ok).toBe(true);
    await expect
      .poll(
        async () => {
          const r = await api['staff.syncNow']({});
          return r.ok && r.value ? r.value.status.connectivity : 'no answer';
        },
        { timeout: 60_000 },
      )
      .toBe('online');
  } finally {
    await api['staff.logout']({});
    api.close();
  }
}

test('marketing launches a campaign; a targeted member redeems it at the checkout; the page counts it; the mirror and the staff panel tell the others', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto(`${cloud.url}/hq/#/campaigns`);
  await page.getByLabel('用户名').fill('mark.eting');
  await page.getByLabel('密码').fill('long-enough-pw');
  await page.getByRole('button', { name: '登录' }).click();
  const form = page.getByRole('form', { name: '新建活动' });
  await expect(form).toBeVisible();
  await form.getByLabel('活动名称').fill('静安店会员回店礼');
  for (const segment of ['核心会员', '高价值会员', '忠诚会员', '新会员', '潜力会员', '已流失'])
    await form.getByLabel(segment).check();
  await form.getByLabel('上海静安旗舰店').check();
  await form.getByLabel('数值').fill('30');
  await form.getByLabel('最低消费（元）').fill('0');
  await form.getByLabel('券名（中文）').fill('回店礼 ¥30');
  await form.getByLabel('券名（英文）').fill('¥30 welcome back');
  await form.getByRole('button', { name: '预估人数' }).click();
  await expect(form.getByRole('status')).toContainText('符合条件');
  await form.getByRole('button', { name: '保存草稿' }).click();

  const campaign = page.locator('section.campaign-page');
  await expect(campaign.getByRole('heading', { name: /静安店会员回店礼/ })).toBeVisible();
  await campaign.getByRole('button', { name: '发布' }).click();
  await expect(campaign.locator('.badge')).toHaveText('进行中');
  const id = await campaign.getAttribute('data-campaign');
  const [member] = await cloud.query<{ qr_token: string }>(
    `SELECT m.qr_token FROM campaign_members cm JOIN members m USING (member_id)
     WHERE cm.campaign_id = $1 AND cm.arm = 'treatment' AND m.qr_token IS NOT NULL ORDER BY m.member_id LIMIT 1`,
    [id],
  );
  const [{ code } = { code: '' }] = await cloud.query<{ code: string }>(
    'SELECT coupon_code AS code FROM campaigns WHERE campaign_id = $1',
    [id],
  );

  // The store's checkout pulls the campaign and the member pays with its coupon.
  const kiosk = await enrolledKiosk(dir.path, cloud);
  try {
    expect((await kiosk.sync()).ok).toBe(true);
    const till = checkoutScreen(kiosk);
    const bytes = (s: string) => new TextEncoder().encode(s);
    till.handleScan(bytes(DRESS));
    expect(
      till.handleScan(bytes(member?.qr_token ?? '')).cart?.coupons.map((c) => c.code),
    ).toContain(code);
    till.checkout.toggleCoupon(code, true);
    await till.checkout.pay('wechat', '134567890123456789');
    till.close();
    expect((await kiosk.sync()).ok).toBe(true);
  } finally {
    kiosk.close();
  }

  await page.reload();
  await page.getByRole('button', { name: '静安店会员回店礼' }).click();
  await page.locator('section.campaign-page').getByRole('button', { name: '表格' }).click();
  const redeemers = page
    .locator('section.campaign-page table tbody tr')
    .first()
    .locator('td')
    .nth(2);
  await expect(redeemers).toHaveText('1');
  await page.screenshot({ path: 'docs/screenshots/hq-campaign.zh-CN.png', fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(
    page.getByRole('heading', { name: 'Campaigns: member layers and measured uplift' }),
  ).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/hq-campaign.en.png', fullPage: true });

  // Another targeted member (who has not used the coupon) and a control member, both with a QR.
  const memberOf = async (arm: string, offset: number) => {
    const [row] = await cloud.query<{ qr_token: string }>(
      `SELECT m.qr_token FROM campaign_members cm JOIN members m USING (member_id)
       WHERE cm.campaign_id = $1 AND cm.arm = $2 AND m.qr_token IS NOT NULL
       ORDER BY m.member_id LIMIT 1 OFFSET $3`,
      [id, arm, offset],
    );
    if (!row) throw new Error(`no ${arm} member with a QR`);
    return row.qr_token;
  };
  const waiting = await memberOf('treatment', 1);
  const control = await memberOf('control', 0);
  const enroll = async () => ({ enroll: { url: cloud.url, code: await cloud.code() } });
  const mirror = await startRole(
    'mirror',
    { idleSeconds: 300, place: '3号试衣间' },
    await enroll(),
  );
  const staff = await startRole('staff', { idleSeconds: 300 }, await enroll());
  try {
    await syncNow(mirror);
    await syncNow(staff);
    const shopper = await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
    });
    const screen = await shopper.newPage();
    await screen.goto(mirror.kiosk.url);
    await expect(screen.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
    mirror.scan(DRESS);
    await expect(screen.getByRole('heading', { name: '防泼水连衣裙' })).toBeVisible();
    const offers = screen.getByRole('region', { name: '会员礼遇' });
    const badge = screen.locator('.member-badge');
    for (const quiet of [NO_MARKETING_QR, control]) {
      const before = (await badge.count()) > 0 ? await badge.textContent() : null;
      mirror.scan(quiet);
      await expect(badge).toBeVisible();
      await expect(badge).not.toHaveText(before ?? '');
      await expect(offers).toHaveCount(0);
    }
    mirror.scan(waiting);
    await expect(offers).toContainText('您有一张优惠券待使用：立减 ¥30，有效期至');
    await expect(offers).toContainText('结账时即可使用');
    await captureBothLanguages(screen, 'mirror-offer');
    await screen.getByRole('button', { name: '语言' }).click();
    await expect(screen.getByRole('region', { name: 'Member offers' })).toContainText(
      'A coupon is waiting for you: ¥30 off, until',
    );
    await shopper.close();

    await page.goto(staff.kiosk.url);
    await signIn(page, staff, 'BADGE-1001', '2468');
    await expect(page.getByRole('banner')).toContainText('周婷');
    const panel = page.getByRole('region', { name: '会员信息' });
    staff.scan(waiting);
    await expect(panel.getByRole('heading', { name: '活动优惠' })).toBeVisible();
    await expect(panel.locator(`.offers li[data-code="${code}"]`)).toContainText(
      '回店礼 ¥30 · 立减 ¥30 · 无门槛 ·',
    );
    // nothing personal in the kiosks' logs: not the member's code, not the offer told to them
    for (const k of [mirror, staff]) {
      expect(k.kiosk.output()).not.toContain(waiting);
      expect(k.kiosk.output()).not.toContain(code);
    }
  } finally {
    await mirror.stop();
    await staff.stop();
  }
});
