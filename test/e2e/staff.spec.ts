/**
 * The staff console: badge + PIN with lockout after repeated wrong PINs, then requests, approvals
 * and device health for the staff member who signs in.
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, enterPin, kioskForFile } from './support/screens';

const staff = kioskForFile('staff', { idleSeconds: 60 });

test('badge + PIN, lockout, then the console', async ({ page }) => {
  await page.goto(staff.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await captureBothLanguages(page, 'staff-attract');

  staff.scan('BADGE-1002');
  for (let i = 0; i < 4; i++) {
    await enterPin(page, '0000');
    await expect(page.getByRole('alert')).toContainText('PIN 错误');
  }
  await enterPin(page, '0000');
  await expect(page.getByRole('alert')).toContainText('锁定');
  staff.scan('BADGE-1002');
  await enterPin(page, '1357'); // right PIN, but locked
  await expect(page.getByRole('alert')).toContainText('锁定');

  staff.scan('BADGE-2001');
  await enterPin(page, '8642');
  await expect(page.getByRole('banner')).toContainText('林雪');
  await expect(page.getByRole('region', { name: '顾客请求' })).toContainText('暂无请求');
  await expect(page.getByRole('region', { name: '设备状态' })).toContainText('scanner-1 · ready');
  await captureBothLanguages(page, 'staff-console');
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
});
