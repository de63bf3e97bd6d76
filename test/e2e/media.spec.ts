/**
 * Product images in a real browser (issue 17): the mirror's card and visit list show the
 * garments' pictures from the kiosk's own origin, in the same frame as their text; a picture the
 * kiosk does not have shows a calm placeholder, never a broken-image icon; nothing from another
 * origin is loaded.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile } from './support/screens';

const mirror = kioskForFile('mirror', { place: '3号试衣间' });

/** Removes one cached picture from disk (an image this kiosk does not have any more). */
function dropPicture(hashPrefix: string): void {
  const dir = join(mirror.kiosk.dataDir, 'media', hashPrefix.slice(0, 2));
  for (const name of readdirSync(dir))
    if (name.startsWith(hashPrefix)) rmSync(join(dir, name), { force: true });
}

test('garment pictures on the mirror, and a placeholder for one the kiosk does not have', async ({
  page,
  browser,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();

  mirror.scan('6970001000016'); // 防泼水连衣裙, white
  const card = page.getByRole('article');
  const picture = card.getByRole('img', { name: '防泼水连衣裙（白色）' });
  await expect(picture).toBeVisible();
  expect(
    await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
  ).toBe(true);
  const src = (await picture.getAttribute('src')) ?? '';
  expect(src).toMatch(/^\/media\/[0-9a-f]{64}\/screen$/);

  mirror.scan('6970001000214'); // 极简连衣裙, white: a second garment: the visit list with thumbnails
  await expect(page.getByRole('region', { name: '本次试穿' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('.visit-list img.garment-image-thumb')).toHaveCount(2);
  await captureBothLanguages(page, 'mirror-pictures');

  // the first garment's picture is gone from this kiosk (evicted, not fetched yet): a screen
  // opened now (no picture in its cache) shows the placeholder
  dropPicture(src.split('/')[2] ?? '');
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
  });
  const fresh = await context.newPage();
  fresh.on('request', (r) => requests.push(r.url()));
  await fresh.goto(mirror.kiosk.url);
  await fresh.getByRole('region', { name: '本次试穿' }).getByRole('button').last().click();
  const placeholder = fresh.getByRole('article').locator('[data-placeholder]');
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveAccessibleName('防泼水连衣裙（白色）');
  await fresh.getByRole('article').evaluate((card) => card.scrollIntoView({ block: 'start' }));
  await captureBothLanguages(fresh, 'mirror-placeholder');
  await context.close();

  const origin = new URL(mirror.kiosk.url).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
});
