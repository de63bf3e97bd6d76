/**
 * pty write → product name in the DOM of Chromium, through the real kiosk process and the web
 * shell. The page stamps the moment the card appears (MutationObserver) on the same wall clock the
 * writer uses, so polling by the test driver adds nothing to the number.
 */
import { chromium } from 'playwright-core';
import { startKiosk } from '../../test/support/kiosk-process';
import { tempDir } from '../../test/support/temp';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { armCardSeen, domStamps } from '../support/dom-stamps';
import { epochMs, median, percentile, round, type BenchRow } from '../support/stats';
import { ptyScanner } from '../support/pty-scanner';

export const name = 'scan-to-dom';
export const builds = ['renderer'] as const;

const variants = [
  ['6970001000016', 'DRE001-WHT-XS'],
  ['6970001000023', 'DRE001-WHT-S'],
] as const;

export async function run(): Promise<BenchRow[]> {
  const scans = Number(process.env.BENCH_DOM_SCANS ?? 200);
  const dir = tempDir('kiosk-bench-');
  const scanner = await ptyScanner(dir.path);
  const { pair } = scanner;
  const kiosk = await startKiosk({
    storeId: 'S001',
    role: 'mirror',
    devices: [scanner.device],
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const writer = scanner.writer();
  const samples: number[] = [];
  try {
    const page = await browser.newPage();
    await page.addInitScript(domStamps);
    await page.goto(kiosk.url);
    await page.getByRole('heading', { name: '欢迎光临' }).waitFor();
    for (let i = 0; i < scans + 10; i++) {
      const [gtin, sku] = variants[i % variants.length] ?? variants[0];
      // Arm the observer first; awaiting its promise now would wait for a scan not yet sent.
      const seen = await armCardSeen(page, sku);
      const t0 = epochMs();
      writer.write(`${gtin}\r`);
      const seenAt = await seen();
      if (i >= 10) samples.push(seenAt - t0);
    }
  } finally {
    writer.close();
    await browser.close();
    await kiosk.stop();
    await pair.close();
    dir.remove();
  }
  return [
    {
      suite: name,
      metric: `pty write → name in DOM, median (${scans} scans)`,
      value: round(median(samples)),
      unit: 'ms',
    },
    {
      suite: name,
      metric: 'pty write → name in DOM, p95',
      value: round(percentile(samples, 95)),
      unit: 'ms',
    },
  ];
}
