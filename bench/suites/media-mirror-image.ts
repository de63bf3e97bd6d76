/**
 * The mirror card's picture after a scan, in Chromium through the real kiosk process, the web
 * shell and its media route: pty write → the frame in which the card's large picture is loaded and
 * decoded, and whether that is the same frame as the card's name (target: ≤ 50 ms p95, same frame).
 * Every scan is a garment whose picture this page has not shown before (cold: fetched from the
 * host and decoded on the way), then the same garments again (warm: in the page's cache).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoStore } from '../../test/support/temp';
import { armPicture, mediaStamps } from '../support/media-stamps';
import { withMirrorPage } from '../support/mirror-page';
import { epochMs, median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'media-mirror-image';
export const builds = ['renderer'] as const;

/** One garment (GTIN, SKU) per style and colour that has a picture. */
function garmentsWithPictures(): Array<[string, string]> {
  const lines = (file: string) =>
    readFileSync(join(demoStore, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
  const pictured = new Set(lines('images.csv').map(([style, colour]) => `${style}/${colour}`));
  const seen = new Set<string>();
  const garments: Array<[string, string]> = [];
  for (const [sku, style, gtin, colour] of lines('variants.csv')) {
    const key = `${style}/${colour}`;
    if (!sku || !gtin || seen.has(key) || !pictured.has(key)) continue;
    seen.add(key);
    garments.push([gtin, sku]);
  }
  return garments;
}

const stats = (label: string, samples: number[], sameFrame: number, missed: number): BenchRow[] => [
  {
    suite: name,
    metric: `pty write → picture on screen, ${label}, median (${samples.length} scans)`,
    value: round(median(samples)),
    unit: 'ms',
  },
  {
    suite: name,
    metric: `pty write → picture on screen, ${label}, p95`,
    value: round(percentile(samples, 95)),
    unit: 'ms',
    note:
      `picture in the same frame as the name in ${sameFrame} of ${samples.length} scans` +
      (missed > 0 ? `; ${missed} scans showed no picture within 5 s (left out)` : ''),
  },
];

export async function run(): Promise<BenchRow[]> {
  const garments = garmentsWithPictures().slice(0, Number(process.env.BENCH_MEDIA_SCANS ?? 150));
  const cold: number[] = [];
  const warm: number[] = [];
  let coldSame = 0;
  let warmSame = 0;
  const missed = { cold: 0, warm: 0, 'warm-up': 0 };
  const options = { stamps: mediaStamps, viewport: { width: 1080, height: 1920 } };
  await withMirrorPage(options, async (page, writer) => {
    for (const round_ of ['warm-up', 'cold', 'warm'] as const) {
      const list = round_ === 'warm-up' ? garments.slice(-5) : garments.slice(0, -5);
      for (const [index, [gtin, sku]] of list.entries()) {
        // a visit of eight garments, then the next shopper (a visit list of 150 is not a visit)
        if (index % 8 === 0 && (await page.getByRole('button', { name: '结束' }).count()) > 0) {
          await page.getByRole('button', { name: '结束' }).click();
          await page.getByRole('heading', { name: '欢迎光临' }).waitFor();
        }
        const seen = await armPicture(page, sku);
        const t0 = epochMs();
        writer.write(`${gtin}\r`);
        const at = await seen();
        if (at === null) {
          missed[round_]++;
          process.stderr.write(`media-mirror-image: no picture for ${sku} within 5 s\n`);
        } else if (round_ === 'cold') {
          cold.push(at.image - t0);
          if (at.image === at.text) coldSame++;
        } else if (round_ === 'warm') {
          warm.push(at.image - t0);
          if (at.image === at.text) warmSame++;
        }
      }
    }
  });
  return [
    ...stats('first time shown (cold)', cold, coldSame, missed.cold),
    ...stats('shown before (warm)', warm, warmSame, missed.warm),
  ];
}
