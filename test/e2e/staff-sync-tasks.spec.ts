/**
 * Tasks from sync rejections on the staff console: the member cloud refused two things this kiosk
 * did offline (a single-use coupon already used at another checkout, points overdrawn), as
 * sync/apply-results.ts leaves them in `sync_staff_tasks`. Staff read what happened in plain words,
 * in both languages, and mark each done; the kiosk records it (resolved_at) and audits it.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { captureBothLanguages, signIn, startRole, type RoleKiosk } from './support/screens';

let staff: RoleKiosk;

/** The kiosk's own SQLite file, opened beside the running kiosk (WAL: one short write). */
function kioskDb(kiosk: RoleKiosk) {
  const db = new Database(join(kiosk.kiosk.dataDir, 'kiosk.db'));
  db.pragma('busy_timeout = 5000');
  return db;
}

test.beforeAll(async () => {
  staff = await startRole('staff', { idleSeconds: 120 });
  const db = kioskDb(staff);
  try {
    const add = db.prepare(
      `INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, error_code, compensation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    add.run(
      'cloud:41',
      'coupon-already-used',
      'Coupon WELCOME50 used twice by member M000017: discount 5000 cents to review',
      'redeemCoupon:SALE-E2E-1:WELCOME50',
      'coupon-already-used',
      JSON.stringify({
        kind: 'coupon-used',
        couponCode: 'WELCOME50',
        memberId: 'M000017',
        discountCents: 5000,
      }),
      '2026-11-24T02:10:00.000Z',
    );
    add.run(
      'cloud:42',
      'points-overdrawn',
      'Points overdrawn offline',
      'redeemPoints:R-E2E-1',
      'points-overdrawn',
      JSON.stringify({ kind: 'points-balance', memberId: 'M000013', balance: 120 }),
      '2026-11-24T02:20:00.000Z',
    );
  } finally {
    db.close();
  }
});
test.afterAll(async () => {
  await staff?.stop();
});

test('staff read the sync tasks in plain words and mark them done, audited', async ({ page }) => {
  await page.goto(staff.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await signIn(page, staff, 'BADGE-1001', '2468');
  await expect(page.getByRole('banner')).toContainText('周婷');

  const tasks = page.getByRole('region', { name: '同步待处理事项' });
  await expect(tasks).toContainText(
    '优惠券 WELCOME50 已在其他收银台使用：本单多优惠 ¥50.00，请联系会员 M000017',
  );
  // no outbox row here: the points redeemed are not known, the sentence says so without a number
  await expect(tasks).toContainText('会员 M000013 离线使用的积分超出云端余额（120 积分）');
  await expect(tasks).toContainText('待处理：2 条');
  await expect(tasks).not.toContainText('{');
  await tasks.scrollIntoViewIfNeeded();
  await captureBothLanguages(page, 'staff-sync-tasks');

  await page.getByRole('button', { name: '语言' }).click();
  const en = page.getByRole('region', { name: 'Sync: to follow up' });
  await expect(en).toContainText(
    'Coupon WELCOME50 was already used at another checkout: this sale gave ¥50.00 too much off. Please contact member M000017',
  );
  await page.getByRole('button', { name: 'Language' }).click();

  await tasks.getByRole('button', { name: '已处理' }).first().click();
  await expect(tasks).not.toContainText('WELCOME50');
  await expect(tasks).toContainText('待处理：1 条');
  await tasks.getByRole('button', { name: '已处理' }).click();
  await expect(page.getByRole('region', { name: '同步待处理事项' })).toHaveCount(0);

  const db = kioskDb(staff);
  try {
    expect(
      db
        .prepare('SELECT task_id FROM sync_staff_tasks WHERE resolved_at IS NOT NULL ORDER BY 1')
        .all(),
    ).toEqual([{ task_id: 'cloud:41' }, { task_id: 'cloud:42' }]);
    expect(
      db
        .prepare(
          "SELECT actor, subject FROM audit WHERE action = 'staff.sync-task.resolve' ORDER BY audit_id",
        )
        .all(),
    ).toEqual([
      { actor: 'E1001', subject: 'cloud:41' },
      { actor: 'E1001', subject: 'cloud:42' },
    ]);
  } finally {
    db.close();
  }
});
