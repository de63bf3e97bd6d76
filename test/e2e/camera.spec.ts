/**
 * Member sign-in by showing the phone's member QR code to the screen's camera: Chromium's fake
 * camera plays a y4m file with the demo member's token; the page decodes it in a worker and the
 * host signs the member in. The camera must be off again afterwards.
 */
import { expect, test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { fakeCameraArgs, writeQrY4m } from './support/fake-camera';
import { captureBothLanguages, kioskForFile } from './support/screens';

const y4m = join(tmpdir(), `seed-kiosk-camera-${process.pid}.y4m`);
writeQrY4m(y4m, 'MBR1.4N433GGMT6TCPAR4CTQP'); // M000003 朱娟丽, silver

test.use({
  launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...fakeCameraArgs(y4m)] },
});

const checkout = kioskForFile('checkout', { idleSeconds: 60 });

test('a member signs in by showing the phone QR to the camera, and the camera turns off', async ({
  page,
}) => {
  // Keep every stream the page opens, to check its tracks end.
  await page.addInitScript(
    `(() => {
      const streams = [];
      window.__cameraStreams = streams;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const s = await original(c);
        streams.push(s);
        return s;
      };
    })()`,
  );
  await page.goto(checkout.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();
  await expect(page.locator('video')).toHaveCount(0); // nothing until the shopper asks
  const started = Date.now();
  await page.getByRole('button', { name: '用手机会员码登录' }).click();
  await expect(page.getByRole('banner')).toContainText('朱*');
  test
    .info()
    .annotations.push({ type: 'camera-sign-in-ms', description: String(Date.now() - started) });
  await expect(page.getByRole('status')).toContainText('会员已登录');
  await expect(page.locator('video')).toHaveCount(0);
  const live = await page.evaluate(
    `window.__cameraStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length`,
  );
  expect(live).toBe(0);
  expect(await page.evaluate('window.__cameraStreams.length')).toBe(1);
  await expect(page.getByRole('button', { name: '用手机会员码登录' })).toHaveCount(0);
});

test('the sign-in panel offers the camera with a privacy note', async ({ page }) => {
  await page.goto(checkout.kiosk.url);
  await page
    .getByRole('button', { name: '结束' })
    .click()
    .catch(() => undefined);
  checkout.scan('6970001000016');
  await expect(page.getByRole('region', { name: '购物清单' })).toBeVisible();
  await captureBothLanguages(page, 'checkout-camera-offer');
});
