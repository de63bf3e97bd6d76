import { appendFileSync, copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { copyDemoStore, demoStore } from '../../test/support/temp';
import { DataKey } from '../crypto/data-key';
import { createMediaCache, type MediaCache } from '../media/media-cache';
import { ImportError } from './importer';
import { importStore } from './store-import';

let db: TestDb;
let media: MediaCache;
const key = DataKey.generate();
const count = (sql: string) => (db.raw.prepare(sql).get() as { n: number }).n;
const mediaFiles = () =>
  readdirSync(media.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

beforeEach(() => {
  db = openTestDb();
  media = createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes: 512 * 1024 * 1024,
    storeId: 'S001',
  });
});
afterEach(() => db.close());

async function refusal(store: string): Promise<ImportError> {
  try {
    await importStore(db, store, { key, media });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('import unexpectedly succeeded');
}

describe('import of images.csv', () => {
  it('imports the demo store’s images content-addressed, and a second import changes nothing', async () => {
    const reports = await importStore(db, demoStore, { key, media });
    expect(reports.find((r) => r.file === 'images.csv')).toMatchObject({ rows: 402, changed: 402 });
    expect(count('SELECT count(*) AS n FROM catalog_media')).toBe(402);
    // identical pictures (some colourways of a style share one) are stored once
    const distinct = count('SELECT count(DISTINCT hash) AS n FROM catalog_media');
    expect(distinct).toBeGreaterThan(250);
    expect(count('SELECT count(*) AS n FROM media_blobs')).toBe(distinct);
    expect(mediaFiles()).toBe(distinct);
    const again = await importStore(db, demoStore, { key, media });
    expect(again.find((r) => r.file === 'images.csv')?.changed).toBe(0);
    expect(mediaFiles()).toBe(distinct);
  });

  it('types a file by its content: a PNG named .jpg is stored as a PNG', async () => {
    const store = copyDemoStore(db.dir);
    const png = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    writeFileSync(join(store, 'images', 'DRE001-WHT.jpg'), png);
    const csv = join(store, 'images.csv');
    writeFileSync(csv, 'style_id,color_code,file,alt_zh,alt_en\n');
    appendFileSync(csv, 'DRE001,WHT,images/DRE001-WHT.jpg,白色连衣裙,White dress\n');
    await importStore(db, store, { key, media });
    expect(db.raw.prepare('SELECT type FROM catalog_media').get()).toEqual({ type: 'image/png' });
    // the thumbnail was made while checking it decodes
    expect(count("SELECT count(*) AS n FROM media_variants WHERE size = 'thumb'")).toBe(1);
  });

  it('refuses broken, oversized, mislabelled, scripted, missing and outside files with images.csv line, and imports nothing', async () => {
    const store = copyDemoStore(db.dir);
    const images = join(store, 'images');
    const jpeg = await sharp({
      create: { width: 600, height: 800, channels: 3, background: '#a00' },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    writeFileSync(join(images, 'broken.jpg'), jpeg.subarray(0, jpeg.length >> 1));
    writeFileSync(join(images, 'huge.jpg'), Buffer.concat([jpeg, Buffer.alloc(9 << 20)]));
    writeFileSync(join(images, 'page.svg'), '<!doctype html><html><body>hi</body></html>');
    writeFileSync(
      join(images, 'scripted.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("//x")</script></svg>',
    );
    writeFileSync(join(images, 'handler.svg'), '<svg onload="alert(1)"><rect/></svg>');
    copyFileSync(join(images, 'BAG001-GRY.svg'), join(db.dir, 'outside.svg'));
    const csv = join(store, 'images.csv');
    const before = 403; // header + 402 rows
    appendFileSync(
      csv,
      [
        'DRE001,WHT,images/broken.jpg,a,a',
        'DRE001,BLK,images/huge.jpg,a,a',
        'DRE002,WHT,images/page.svg,a,a',
        'DRE003,WHT,images/scripted.svg,a,a',
        'DRE004,WHT,images/handler.svg,a,a',
        'DRE005,WHT,images/nowhere.svg,a,a',
        'DRE006,WHT,../outside.svg,a,a',
        'NOSUCH,WHT,images/BAG001-GRY.svg,a,a',
        '',
      ].join('\n'),
    );
    const error = await refusal(store);
    const line = (n: number) => before + n;
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'images.csv',
        line: line(1),
        field: 'file',
        message: expect.stringMatching(/broken JPEG/),
      }),
      expect.objectContaining({
        line: line(2),
        field: 'file',
        message: expect.stringMatching(/huge\.jpg is larger|at most/),
      }),
      expect.objectContaining({
        line: line(3),
        message: expect.stringMatching(/page\.svg is an HTML page/),
      }),
      expect.objectContaining({
        line: line(4),
        message: expect.stringMatching(/scripted\.svg .*script/),
      }),
      expect.objectContaining({
        line: line(5),
        message: expect.stringMatching(/handler\.svg .*onload/),
      }),
      expect.objectContaining({ line: line(6), message: 'images/nowhere.svg is missing' }),
      expect.objectContaining({
        line: line(7),
        message: expect.stringMatching(/outside the store folder/),
      }),
    ]);
    expect(count('SELECT count(*) AS n FROM products')).toBe(0);
    expect(count('SELECT count(*) AS n FROM media_blobs')).toBe(0);
    // the good images checked on the way were removed again
    expect(mediaFiles()).toBe(0);
  });

  it('refuses an image of a style and colour the catalog does not have, naming its line', async () => {
    const store = copyDemoStore(db.dir);
    appendFileSync(join(store, 'images.csv'), 'NOSUCH,WHT,images/BAG001-GRY.svg,a,a\n');
    const error = await refusal(store);
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'images.csv',
        line: 404,
        field: 'color_code',
        message: expect.stringMatching(/no NOSUCH in colour WHT/),
      }),
    ]);
    expect(count('SELECT count(*) AS n FROM catalog_media')).toBe(0);
    expect(mediaFiles()).toBe(0);
  });
});
