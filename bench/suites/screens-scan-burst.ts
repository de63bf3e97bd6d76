/**
 * Scan → card on screen under a burst of 20 scans a second at the mirror (real kiosk process, a
 * scanner on a pty, Chromium). Every scan is a different garment, so each one must appear; the
 * page stamps the first moment each SKU is in the DOM (MutationObserver) on the writer's clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { TtyWriter } from '../../device/sim/line-writer';
import { createPtyPair } from '../../device/sim/pty-pair';
import { startKiosk } from '../../test/e2e/support/kiosk-process';
import { repoRoot, tempDir } from '../../test/support/temp';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { epochMs, median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'screens-scan-burst';

const stampSkus = `
  window.__seen = {};
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    for (const el of document.querySelectorAll('[data-sku]')) {
      const sku = el.getAttribute('data-sku');
      if (sku && !(sku in window.__seen)) window.__seen[sku] = at;
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Distinct garments (sku, gtin) from the demo store's variants. */
function garments(count: number): Array<[string, string]> {
  const lines = readFileSync(join(repoRoot, 'fixtures', 'demo-store', 'variants.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.slice(0, count).map((line) => {
    const [sku = '', , gtin = ''] = line.split(',');
    return [sku, gtin];
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<BenchRow[]> {
  const scans = Number(process.env.BENCH_BURST_SCANS ?? 100);
  const perSecond = 20;
  const dir = tempDir('kiosk-bench-');
  const pair = await createPtyPair(dir.path, 'scanner');
  const kiosk = await startKiosk({
    storeId: 'S001',
    role: 'mirror',
    idleSeconds: 600,
    devices: [
      {
        id: 'scanner-1',
        kind: 'scanner',
        transport: 'serial',
        path: pair.devicePath,
        suffix: '\r',
      },
    ],
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const writer = new TtyWriter(pair.simPath);
  const sent = new Map<string, number>();
  let latencies: number[];
  let missing: number;
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript(stampSkus);
    await page.goto(kiosk.url);
    await page.getByRole('heading', { name: '欢迎光临' }).waitFor();
    const start = epochMs();
    for (const [i, [sku, gtin]] of garments(scans).entries()) {
      // Paced on the absolute schedule so a slow write does not stretch the burst.
      await sleep(Math.max(0, start + (i * 1000) / perSecond - epochMs()));
      sent.set(sku, epochMs());
      writer.write(`${gtin}\r`);
    }
    const deadline = epochMs() + 10_000;
    let seen: Record<string, number> = {};
    while (epochMs() < deadline) {
      seen = (await page.evaluate('window.__seen')) as Record<string, number>;
      if ([...sent.keys()].every((sku) => sku in seen)) break;
      await sleep(100);
    }
    latencies = [...sent].filter(([sku]) => sku in seen).map(([sku, t0]) => (seen[sku] ?? t0) - t0);
    missing = sent.size - latencies.length;
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
      metric: `scan → card on screen at ${perSecond} scans/s, median (${scans} scans)`,
      value: round(median(latencies)),
      unit: 'ms',
    },
    {
      suite: name,
      metric: `scan → card on screen at ${perSecond} scans/s, p95`,
      value: round(percentile(latencies, 95)),
      unit: 'ms',
    },
    { suite: name, metric: 'scans never shown', value: missing, unit: 'count' },
  ];
}
