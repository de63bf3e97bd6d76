/**
 * The mirror's model at work in a real browser: size advice on the card (with its counts), and the
 * "for you" row re-ranked at once by the visit — "too small" proposes the next size up, a liked
 * garment brings what goes with it — in both languages. The kiosk trained its model on its own
 * history at start (standalone, no cloud).
 */
import { expect, test } from '@playwright/test';
import { captureBothLanguages, kioskForFile } from './support/screens';

const mirror = kioskForFile('mirror', { idleSeconds: 120 });

test('size advice and live picks at the mirror', async ({ page }) => {
  await page.goto(mirror.kiosk.url);
  await expect(page.getByRole('heading', { name: '欢迎光临' })).toBeVisible();

  mirror.scan('6970001000429'); // DRE003 light blue S: the brand's data says it runs small
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: '通勤连衣裙' })).toBeVisible();
  const advice = card.getByRole('region', { name: '尺码建议' });
  await expect(advice).toContainText(/这款偏小：\d+ 位说明了尺码原因的顾客中，\d+ 位觉得太小/);

  await card.getByRole('button', { name: '不适合我' }).click();
  await card.getByRole('button', { name: '偏小' }).click();
  const forYou = page.getByRole('region', { name: '为你推荐' });
  await expect(forYou.getByRole('listitem').first()).toContainText('试试 M 码：S 码偏小');
  await captureBothLanguages(page, 'mirror-picks');

  await page.getByRole('button', { name: '语言' }).click();
  await expect(card.getByRole('region', { name: 'Size advice' })).toContainText(
    /Runs small: \d+ of \d+ shoppers who gave a fit reason found it too small/,
  );
  await expect(
    page.getByRole('region', { name: 'For you' }).getByRole('listitem').first(),
  ).toContainText('Try size M: S felt too small');
});
