/**
 * The optional try-on photo at the mirror, with Chromium's fake camera: a consent screen first,
 * then the photo; sending it to the account needs the member signed in.
 */
import { expect, test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { fakeCameraArgs, writeQrY4m } from './support/fake-camera';
import { captureBothLanguages, kioskForFile } from './support/screens';

const y4m = join(tmpdir(), `seed-kiosk-photo-${process.pid}.y4m`);
writeQrY4m(y4m, null);

test.use({
  launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...fakeCameraArgs(y4m)] },
});

const mirror = kioskForFile('mirror', { idleSeconds: 60 });

test('a try-on photo only after consent, sent to the account only by a signed-in member', async ({
  page,
}) => {
  await page.goto(mirror.kiosk.url);
  mirror.scan('6970001000016');
  const panel = page.getByRole('region', { name: '试穿照（可选）' });
  await panel.getByRole('button', { name: '拍一张试穿照' }).click();
  await expect(panel.getByRole('group', { name: '拍照前请确认' })).toContainText('立即删除');
  await expect(page.locator('video')).toHaveCount(0); // no camera before consent
  await panel.scrollIntoViewIfNeeded();
  await captureBothLanguages(page, 'mirror-photo-consent');
  await panel.getByRole('button', { name: '同意并拍照' }).click();
  await expect(page.locator('video')).toHaveCount(1);
  await expect
    .poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await panel.getByRole('button', { name: '拍照', exact: true }).click();
  await expect(panel.getByRole('img', { name: '试穿照 1' })).toBeVisible();
  await expect(page.locator('video')).toHaveCount(0); // the camera is off again

  await panel.getByRole('button', { name: '发送到我的账户' }).click();
  await expect(page.getByRole('alert')).toContainText('请先出示会员码登录或加入会员');
  mirror.scan('MBR1.4N433GGMT6TCPAR4CTQP');
  await expect(page.getByRole('banner')).toContainText('朱*');
  await panel.getByRole('button', { name: '发送到我的账户' }).click();
  await expect(panel).toContainText('将发送到您的会员账户');
});
