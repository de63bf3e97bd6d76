/**
 * The look's phone page (/m/<token>) on a throttled phone: Chromium with a 390×844 mobile viewport
 * and DevTools' "Fast 3G" profile through CDP (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up,
 * cache disabled), first paint and first contentful paint of a look with four garments, from the
 * navigation's start (target: ≤ 1 s). The cloud runs in this process on PGlite with the demo store.
 */
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { enrollDevice, env, push, startCloud } from '../../cloud/test/harness';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'phone-look-paint';

/** Chrome DevTools' "Fast 3G" preset, as Lighthouse and DevTools define it. */
export const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};

const TOKEN = 'BenchBenchBenchBench01';
const SKUS = ['DRE001-WHT-S', 'DRE001-WHT-M', 'DRE001-WHT-L', 'DRE001-WHT-XS'];

export async function run(): Promise<BenchRow[]> {
  const runs = Number(process.env.BENCH_PHONE_RUNS ?? 15);
  const cloud = await startCloud('pglite');
  cloud.clock.ms = Date.now();
  const dev = await enrollDevice(cloud, 'S001');
  await push(cloud, dev, 'e1', [
    env(1, 'shareLook', {
      token: TOKEN,
      revision: 1,
      skus: SKUS,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  ]);
  await cloud.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(cloud.app.server.address() as AddressInfo).port}/m/${TOKEN}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const fp: number[] = [];
  const fcp: number[] = [];
  let htmlBytes = 0;
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      const res = await page.goto(url, { waitUntil: 'load' });
      htmlBytes = (await res?.body())?.length ?? 0;
      const paints = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
      );
      fp.push(paints['first-paint'] ?? Number.NaN);
      fcp.push(paints['first-contentful-paint'] ?? Number.NaN);
      await page.close();
    }
  } finally {
    await browser.close();
    await cloud.close();
  }
  const row = (metric: string, samples: number[], note?: string): BenchRow[] => [
    {
      suite: name,
      metric: `${metric}, Fast 3G, median (${samples.length} loads)`,
      value: round(median(samples)),
      unit: 'ms',
      ...(note ? { note } : {}),
    },
    {
      suite: name,
      metric: `${metric}, Fast 3G, p95`,
      value: round(percentile(samples, 95)),
      unit: 'ms',
    },
  ];
  return [
    ...row('first paint of /m/<token>', fp),
    ...row(
      'first contentful paint of /m/<token>',
      fcp,
      `4 garments, HTML ${htmlBytes} bytes, target ≤ 1000 ms`,
    ),
  ];
}
