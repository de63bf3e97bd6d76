/**
 * First paint → interactive for each screen role, through the real kiosk process and Chromium.
 * "Interactive" is when the attract screen shows the store name, which arrives over the bridge
 * (`app.info`), so the page is painted, the WebSocket is up and the host has answered.
 */
import { chromium } from 'playwright-core';
import { startKiosk } from '../../test/support/kiosk-process';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { readTimes, stampInteractive, type PageTimes } from '../support/interactive-stamp';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'screens-interactive';
export const builds = ['renderer'] as const;

export async function run(): Promise<BenchRow[]> {
  const loads = Number(process.env.BENCH_SCREEN_LOADS ?? 15);
  const rows: BenchRow[] = [];
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    for (const role of ['mirror', 'checkout', 'staff'] as const) {
      const kiosk = await startKiosk({ storeId: 'S001', role, language: 'zh-CN', devices: [] });
      const paintToInteractive: number[] = [];
      const navToInteractive: number[] = [];
      try {
        for (let i = 0; i < loads + 2; i++) {
          const page = await browser.newPage();
          await page.addInitScript(stampInteractive);
          await page.goto(kiosk.url);
          await page.locator('.attract-store').waitFor();
          const t = (await page.evaluate(readTimes)) as PageTimes;
          await page.close();
          if (i < 2 || t.firstPaint === null || t.interactive === null) continue; // warm-up
          paintToInteractive.push(Math.max(0, t.interactive - t.firstPaint));
          navToInteractive.push(t.interactive);
        }
      } finally {
        await kiosk.stop();
      }
      rows.push(
        {
          suite: name,
          metric: `${role}: first paint → interactive, median (${paintToInteractive.length} loads)`,
          value: round(median(paintToInteractive)),
          unit: 'ms',
        },
        {
          suite: name,
          metric: `${role}: first paint → interactive, p95`,
          value: round(percentile(paintToInteractive, 95)),
          unit: 'ms',
        },
        {
          suite: name,
          metric: `${role}: navigation → interactive, median`,
          value: round(median(navToInteractive)),
          unit: 'ms',
        },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
}
