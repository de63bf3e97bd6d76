/**
 * Helpers of the HQ console spec (test/e2e/hq-console.spec.ts): open the console as a signed-in
 * role, show a view and wait for its numbers, read a number, and check that a ratio, average or
 * sum's drawer reproduces the number clicked.
 */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { VIEW_TITLES, type HqLanguage, type HqViewName, type signedInState } from './hq';

export const HQ_VIEWPORT = { width: 1440, height: 1000 };

type SignedIn = Awaited<ReturnType<typeof signedInState>>;

export async function openConsole(
  browser: Browser,
  storageState: SignedIn | undefined,
  language: HqLanguage,
) {
  const context = await browser.newContext({
    storageState,
    locale: language === 'en' ? 'en-US' : 'zh-CN',
    viewport: HQ_VIEWPORT,
    acceptDownloads: true,
  });
  return { context, page: await context.newPage() };
}

/** Opens a view by its address and waits until its numbers are on screen (no error). */
export async function showConsoleView(
  page: Page,
  baseUrl: string,
  view: HqViewName,
  language: HqLanguage,
  query = '',
) {
  await page.goto(`${baseUrl}/hq/#/${view}${query}`);
  await expect(page.locator('h1.view-title')).toHaveText(VIEW_TITLES[language][view]);
  await expect(page.locator('.view-body')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main [role="alert"]')).toHaveCount(0);
  await expect(page.locator('.view-body [data-card]').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export async function numberOf(text: string): Promise<number> {
  return Number(text.replace(/[^\d.]/g, ''));
}

/**
 * Opens a ratio, average or sum and checks the drawer reproduces it: the value recomputed from
 * the sides' totals reads as the clicked number, the sides add up their parts, and a side that
 * counts rows lists that many rows. Returns the dialog.
 */
export async function expectFigureReproduces(
  page: Page,
  number: Locator,
  how: 'click' | 'keyboard',
) {
  const clicked = (await number.innerText()).trim();
  if (how === 'keyboard') {
    await number.focus();
    await page.keyboard.press('Enter');
  } else await number.click();
  const dialog = page.getByRole('dialog');
  const result = dialog.locator('.figure-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.locator('.figure-value')).toHaveText(clicked);
  const attr = async (name: string) => result.getAttribute(`data-figure-${name}`);
  const above = Number(await attr('numerator'));
  const belowText = await attr('denominator');
  const factor = Number(await attr('factor'));
  const value = Number(await attr('value'));
  const expected = belowText === null ? factor * above : (factor * above) / Number(belowText);
  expect(value).toBeCloseTo(expected, 9);
  const parts = async (side: 'above' | 'below') =>
    Promise.all(
      (await dialog.locator(`[data-figure-part="${side}"] [data-part-total]`).all()).map(
        async (cell) => Number(await cell.getAttribute('data-part-total')),
      ),
    );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(await parts('above'))).toBeCloseTo(above, 6);
  if (belowText !== null) expect(sum(await parts('below'))).toBeCloseTo(Number(belowText), 6);
  return dialog;
}
