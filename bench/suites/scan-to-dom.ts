/**
 * pty write → product name in the DOM of Chromium, through the real kiosk process and the web
 * shell. The page stamps the moment the card appears (MutationObserver) on the same wall clock the
 * writer uses, so polling by the test driver adds nothing to the number.
 */
import { armCardSeen, domStamps } from '../support/dom-stamps';
import { withMirrorPage } from '../support/mirror-page';
import { epochMs, latencyRows, type BenchRow } from '../support/stats';

export const name = 'scan-to-dom';
export const builds = ['renderer'] as const;

const variants = [
  ['6970001000016', 'DRE001-WHT-XS'],
  ['6970001000023', 'DRE001-WHT-S'],
] as const;

export async function run(): Promise<BenchRow[]> {
  const scans = Number(process.env.BENCH_DOM_SCANS ?? 200);
  const samples: number[] = [];
  await withMirrorPage({ stamps: domStamps }, async (page, writer) => {
    for (let i = 0; i < scans + 10; i++) {
      const [gtin, sku] = variants[i % variants.length] ?? variants[0];
      // Arm the observer first; awaiting its promise now would wait for a scan not yet sent.
      const seen = await armCardSeen(page, sku);
      const t0 = epochMs();
      writer.write(`${gtin}\r`);
      const seenAt = await seen();
      if (i >= 10) samples.push(seenAt - t0);
    }
  });
  return latencyRows(name, 'pty write → name in DOM', samples, 95);
}
