/**
 * Cold start with a 1,000,000-variant catalog: from spawning `kiosk start` (the web shell with the
 * demo store's simulated scanner, as README's Quick start runs it) to the attract screen being
 * interactive in headless Chromium. The data directory is prepared once: a first start imports
 * the demo store, then the generated catalog goes into its SQLite file; every timed start reuses
 * it, so each one sees a kiosk that has run before (migrations applied, data key present).
 *
 * Split: spawn → host ready (the URL with this start's token printed: database opened, checks and
 * warm-up done, the web shell listening); host ready → first contentful paint; → interactive (the
 * store name, which comes over the bridge, is on screen). The browser is already running (a
 * kiosk's window opens as the host prints its URL); the OS file cache is warm after the first start.
 * Timed twice: the bundled host (dist-host, as `npm run build` leaves it) and the TypeScript
 * sources through tsx (KIOSK_FROM_SOURCE=1, what a start ran before the bundle).
 * Scale with BENCH_VARIANTS and BENCH_COLD_STARTS.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase } from '../../core/store/db';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { startKiosk } from '../../test/support/kiosk-process';
import { repoRoot, tempDir } from '../../test/support/temp';
import { generateCatalog } from '../support/generate-catalog';
import { readTimes, stampInteractive, type PageTimes } from '../support/interactive-stamp';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'kiosk-cold-start';
export const builds = ['renderer'] as const;

const demoConfig = {
  storeId: 'S001',
  role: 'mirror',
  language: 'zh-CN',
  devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' }],
};

/** A kiosk data directory with the demo store and `variants` generated variants. */
async function prepare(dataDir: string, variants: number): Promise<number> {
  const t0 = performance.now();
  const first = await startKiosk(demoConfig, { dataDir });
  await first.stop();
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  try {
    generateCatalog(db, variants);
  } finally {
    db.close();
  }
  return (performance.now() - t0) / 1000;
}

interface StartTimes {
  hostReady: number[];
  readyToPaint: number[];
  readyToInteractive: number[];
  total: number[];
}

/** `starts` timed starts on `dataDir` (after one untimed start that warms the file cache). */
async function timeStarts(
  browser: Browser,
  dataDir: string,
  starts: number,
  env: Record<string, string>,
): Promise<StartTimes> {
  const hostReady: number[] = [];
  const readyToPaint: number[] = [];
  const readyToInteractive: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < starts + 1; i++) {
    const spawnedAt = performance.now();
    const kiosk = await startKiosk(demoConfig, { dataDir, demo: true, env });
    try {
      const page = await browser.newPage();
      await page.addInitScript(stampInteractive);
      const navigatedAt = performance.now();
      await page.goto(kiosk.url);
      await page.locator('.attract-store').waitFor({ timeout: 30_000 });
      const t = (await page.evaluate(readTimes)) as PageTimes;
      await page.close();
      if (i === 0 || t.interactive === null) continue; // the first start warms the file cache
      const ready = kiosk.readyAt - spawnedAt;
      const interactive = navigatedAt - spawnedAt + t.interactive;
      hostReady.push(ready);
      readyToPaint.push(navigatedAt - spawnedAt + (t.firstPaint ?? t.interactive) - ready);
      readyToInteractive.push(interactive - ready);
      total.push(interactive);
    } finally {
      await kiosk.stop();
    }
  }
  return { hostReady, readyToPaint, readyToInteractive, total };
}

export async function run(): Promise<BenchRow[]> {
  const variants = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
  const starts = Number(process.env.BENCH_COLD_STARTS ?? 9);
  const dir = tempDir('bench-cold-');
  const dataDir = join(dir.path, 'data');
  const loadAtStart = loadavg()[0]?.toFixed(2);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-host.mjs')]);
  if (built.status !== 0) throw new Error(`host bundle: ${String(built.stderr)}`);
  try {
    const prepareS = await prepare(dataDir, variants);
    const bundled = await timeStarts(browser, dataDir, starts, {});
    const fromSource = await timeStarts(browser, dataDir, starts, { KIOSK_FROM_SOURCE: '1' });
    const { hostReady, readyToPaint, readyToInteractive, total } = bundled;
    const note = `bundled host; ${variants} variants (+ demo store), ${total.length} starts; preparing took ${round(prepareS, 0)} s; load average ${loadAtStart} → ${loadavg()[0]?.toFixed(2)} (2 shared cores)`;
    const row = (metric: string, samples: number[], withNote = false): BenchRow[] => [
      {
        suite: name,
        metric: `${metric}, median`,
        value: round(median(samples), 0),
        unit: 'ms',
        ...(withNote ? { note } : {}),
      },
      {
        suite: name,
        metric: `${metric}, p95`,
        value: round(percentile(samples, 95), 0),
        unit: 'ms',
      },
    ];
    return [
      ...row('spawn → interactive screen', total, true),
      ...row('spawn → host ready (URL printed)', hostReady),
      ...row('host ready → first contentful paint', readyToPaint),
      ...row('host ready → interactive', readyToInteractive),
      ...row('from sources (tsx), spawn → interactive screen', fromSource.total),
      ...row('from sources (tsx), spawn → host ready', fromSource.hostReady),
    ];
  } finally {
    await browser.close();
    dir.remove();
  }
}
