/**
 * A new kiosk's first media sync, for the demo store (402 style/colour images) and for 100,000
 * generated images: the cloud side (check every image with the import's check, store, publish the
 * `media` stream) and the kiosk side (pull the stream, fetch every image once by hash over HTTP on
 * loopback, check it on arrival, write it to the cache and index it). PGlite cloud in this process,
 * a real kiosk database and media folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createMediaCache } from '../../core/media/media-cache';
import { checkMedia } from '../../core/rules/media/check';
import {
  readImagesFolder,
  storeCatalogMedia,
  type MediaBlob,
  type MediaRef,
} from '../../cloud/media/catalog-media';
import { publish } from '../../cloud/streams/projections';
import { createMediaFetcher } from '../../sync/media-fetch';
import { pullStream } from '../../sync/pull';
import { startRealCloud, type RunningCloud } from '../../test/faults/support/cloud';
import { openKiosk } from '../../test/faults/support/kiosk';
import { demoStore, tempDir } from '../../test/support/temp';
import { round, type BenchRow } from '../support/stats';
import { cloudClientFor, enrollByCode } from '../../test/support/enroll';

export const name = 'media-first-sync';

/** A distinct garment-like drawing of about 1.5 KB (like the demo store's). */
function generatedSvg(i: number): Buffer {
  const hue = (i * 37) % 360;
  const w = 180 + (i % 120);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 800" width="600" height="800">`,
    `<rect width="600" height="800" fill="#f3efe9"/>`,
    `<ellipse cx="300" cy="760" rx="220" ry="18" fill="#e3ddd4"/>`,
    `<path d="M${300 - w} 200 L${300 + w} 200 L${320 + w} 700 L${280 - w} 700 Z" fill="hsl(${hue} 35% 60%)" stroke="hsl(${hue} 35% 35%)" stroke-width="6"/>`,
  ];
  for (let c = 0; c < 12; c++)
    parts.push(
      `<circle cx="${200 + ((i + c * 53) % 200)}" cy="${260 + c * 34}" r="${6 + (c % 5)}" fill="#fff"/>`,
    );
  parts.push(`<title>G${i}</title></svg>`);
  return Buffer.from(parts.join(''));
}

/** The cloud side: check, store and publish `count` generated images over `count / 4` styles. */
async function loadGenerated(cloud: RunningCloud, count: number): Promise<number> {
  const t0 = performance.now();
  const styles = Math.ceil(count / 4);
  const blobs: MediaBlob[] = [];
  const refs: MediaRef[] = [];
  for (let i = 0; i < count; i++) {
    const checked = await checkMedia(generatedSvg(i));
    if (!checked.ok) throw new Error(checked.error.message);
    const { hash, type, bytes } = checked.value;
    blobs.push({ hash, type, data: bytes });
    refs.push({
      styleId: `G${Math.floor(i / 4)}`,
      colorCode: `C${i % 4}`,
      hash,
      altZh: `款${i}`,
      altEn: `Style ${i}`,
    });
  }
  await cloud.cloud.db.transaction(async (tx) => {
    await tx.query(`INSERT INTO products SELECT 'G' || i, '款' || i, 'Style ' || i, 'dress', 'F', '', '2026SS', 19900, 'full'
      FROM generate_series(0, ${styles - 1}) i`);
    await storeCatalogMedia(tx, blobs, refs);
    await publish(tx, 'media', "m.style_id LIKE 'G%'");
  });
  return (performance.now() - t0) / 1000;
}

async function firstMediaSync(cloud: RunningCloud, expected: number) {
  const dir = tempDir('bench-media-');
  const k = openKiosk(dir.path);
  try {
    const plain = cloudClientFor(cloud.url, 120_000);
    let waitMs = 0; // waiting for the cloud's answers, to split cloud from kiosk cost
    const client = {
      ...plain,
      mediaBatch: async (...args: Parameters<typeof plain.mediaBatch>) => {
        const t = performance.now();
        const answer = await plain.mediaBatch(...args);
        waitMs += performance.now() - t;
        return answer;
      },
    };
    const r = await enrollByCode(k, client, cloud.url, await cloud.code(), 'bench');
    const media = createMediaCache({
      db: k.db,
      dir: join(dir.path, 'media'),
      limitBytes: 8 * 1024 ** 3,
      storeId: 'S001',
    });
    const t0 = performance.now();
    const pulled = await pullStream(
      { db: k.db, key: k.key, client, token: r.token, now: () => new Date(), limit: 2000 },
      'media',
    );
    if (!pulled.ok) throw new Error(pulled.error.message);
    const pullS = (performance.now() - t0) / 1000;
    const report = await createMediaFetcher({ media }).run(client, r.token);
    const totalS = (performance.now() - t0) / 1000;
    client.close();
    if (report.error || report.fetched < expected)
      throw new Error(
        `fetched ${report.fetched} of ${expected}: ${JSON.stringify(report)}, ${pulled.value.rows} rows, ${pulled.value.skipped} skipped`,
      );
    const files = readdirSync(media.dir, { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    const diskMB =
      files.reduce((n, f) => n + statSync(join(f.parentPath, f.name)).size, 0) / 1024 / 1024;
    const waitS = waitMs / 1000;
    return { pullS, totalS, waitS, fetched: report.fetched, rows: pulled.value.rows, diskMB };
  } finally {
    k.close();
    dir.remove();
  }
}

export async function run(): Promise<BenchRow[]> {
  const generated = Number(process.env.BENCH_MEDIA_IMAGES ?? 100_000);
  const rows: BenchRow[] = [];
  const cloud = await startRealCloud('pglite'); // with the demo store and its images
  try {
    const t0 = performance.now();
    const demo = await readImagesFolder(demoStore);
    const demoCheckS = (performance.now() - t0) / 1000;
    const demoSync = await firstMediaSync(cloud, demo.blobs.length);
    rows.push(
      {
        suite: name,
        metric: 'cloud: check the demo store’s 402 images',
        value: round(demoCheckS, 2),
        unit: 's',
        note: `${demo.blobs.length} distinct images`,
      },
      {
        suite: name,
        metric: 'kiosk: first media sync, demo store',
        value: round(demoSync.totalS, 2),
        unit: 's',
        note: `${demoSync.rows} stream rows in ${round(demoSync.pullS, 2)} s, then ${demoSync.fetched} images fetched, checked and stored; ${round(demoSync.diskMB, 1)} MB on disk`,
      },
    );
    const loadS = await loadGenerated(cloud, generated);
    const big = await firstMediaSync(cloud, demo.blobs.length + generated);
    rows.push(
      {
        suite: name,
        metric: `cloud: check, store and publish ${generated} generated images`,
        value: round(loadS, 1),
        unit: 's',
        note: `${round(generated / loadS, 0)} images/s (SVG sanitiser, PGlite in process)`,
      },
      {
        suite: name,
        metric: `kiosk: first media sync, ${generated} generated images`,
        value: round(big.totalS, 1),
        unit: 's',
        note: `${big.rows} stream rows pulled in ${round(big.pullS, 1)} s; ${big.fetched} images fetched in batches of up to 64 (2 requests in flight), checked, written and indexed: ${round(big.fetched / big.totalS, 0)} images/s, of which ${round(big.waitS, 1)} s waiting for the cloud's answers; ${round(big.diskMB, 0)} MB on disk; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
      },
    );
    return rows;
  } finally {
    await cloud.close();
  }
}
