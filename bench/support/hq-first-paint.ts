/**
 * The console's first paint in Chromium, signed in as an analyst, cold (a fresh browser context
 * each time: no HTTP cache): first contentful paint from the browser's own paint timing, and the
 * moment the overview's numbers are on screen (its first KPI value painted), both from navigation
 * start.
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { median, percentile, round } from './stats';

export interface FirstPaint {
  fcpMedianMs: number;
  fcpP95Ms: number;
  numbersMedianMs: number;
  numbersP95Ms: number;
}

export async function measureFirstPaint(opts: {
  baseUrl: string;
  username: string;
  password: string;
  hash: string;
  runs: number;
}): Promise<FirstPaint> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const fcp: number[] = [];
  const numbers: number[] = [];
  try {
    for (let i = 0; i < opts.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const signed = await context.request.post(`${opts.baseUrl}/hq/api/session`, {
        data: { username: opts.username, password: opts.password },
      });
      if (!signed.ok()) throw new Error(`sign-in: ${signed.status()}`);
      const page = await context.newPage();
      await page.goto(`${opts.baseUrl}/hq/${opts.hash}`);
      await page.locator('.kpi-value').first().waitFor({ state: 'visible', timeout: 120_000 });
      const t = await page.evaluate(
        () =>
          new Promise<{ fcp: number; numbers: number }>((resolve) =>
            requestAnimationFrame(() =>
              resolve({
                fcp:
                  performance.getEntriesByName('first-contentful-paint')[0]?.startTime ??
                  Number.NaN,
                numbers: performance.now(),
              }),
            ),
          ),
      );
      fcp.push(t.fcp);
      numbers.push(t.numbers);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    fcpMedianMs: round(median(fcp), 0),
    fcpP95Ms: round(percentile(fcp, 95), 0),
    numbersMedianMs: round(median(numbers), 0),
    numbersP95Ms: round(percentile(numbers, 95), 0),
  };
}
