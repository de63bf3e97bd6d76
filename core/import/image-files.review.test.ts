/**
 * Review of images.csv import with hostile files: a symlink that leads out of the store folder
 * (once imported whatever it pointed at), and the other escapes and disguises that held.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngClaiming } from '../../test/support/media';
import { openTestDb, type TestDb } from '../../test/support/db';
import { copyDemoStore } from '../../test/support/temp';
import { DataKey } from '../crypto/data-key';
import { createMediaCache, type MediaCache } from '../media/media-cache';
import { ImportError } from './importer';
import { importStore } from './store-import';

let db: TestDb;
let media: MediaCache;
const key = DataKey.generate();
const count = (sql: string) => (db.raw.prepare(sql).get() as { n: number }).n;
const HEADER = 'style_id,color_code,file,alt_zh,alt_en';

beforeEach(() => {
  db = openTestDb();
  media = createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes: 1 << 30,
    storeId: 'S001',
  });
});
afterEach(() => db.close());

async function problems(store: string) {
  try {
    await importStore(db, store, { key, media });
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
    throw error;
  }
  throw new Error('import unexpectedly succeeded');
}

const svgText = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';

describe('images.csv import, reviewed', () => {
  it('refuses a symlink that leads out of the store folder, like a ../ path', async () => {
    const store = copyDemoStore(db.dir);
    const secret = join(db.dir, 'private');
    mkdirSync(secret);
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
      .jpeg()
      .toBuffer();
    writeFileSync(join(secret, 'photo.jpg'), photo);
    symlinkSync(join(secret, 'photo.jpg'), join(store, 'images', 'linked.jpg'));
    symlinkSync(secret, join(store, 'images', 'linked-dir'));
    writeFileSync(
      join(store, 'images.csv'),
      [
        HEADER,
        'BAG001,GRY,images/linked.jpg,a,a',
        'BAG001,WHT,images/linked-dir/photo.jpg,a,a',
        '',
      ].join('\n'),
    );
    expect(await problems(store)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/outside the store/) }),
      expect.objectContaining({ line: 3, message: expect.stringMatching(/outside the store/) }),
    ]);
    expect(count('SELECT count(*) AS n FROM media_blobs')).toBe(0);
  });

  it('still imports a symlink that stays inside the store folder, and a store folder reached by a symlink', async () => {
    const store = copyDemoStore(db.dir);
    symlinkSync(join(store, 'images', 'BAG001-GRY.svg'), join(store, 'images', 'alias.svg'));
    writeFileSync(join(store, 'images.csv'), `${HEADER}\nBAG001,GRY,images/alias.svg,a,a\n`);
    symlinkSync(store, join(db.dir, 'store-link'));
    await importStore(db, join(db.dir, 'store-link'), { key, media });
    expect(count('SELECT count(*) AS n FROM catalog_media')).toBe(1);
  });

  it('refuses by content, naming each line: empty, GIF, gzip (svgz), UTF-16, pixel bomb, absolute path, a folder', async () => {
    const store = copyDemoStore(db.dir);
    const images = join(store, 'images');
    writeFileSync(join(images, 'empty.png'), Buffer.alloc(0));
    writeFileSync(
      join(images, 'anim.gif'),
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
    );
    writeFileSync(join(images, 'packed.svgz'), gzipSync(svgText));
    writeFileSync(join(images, 'wide.svg'), Buffer.from(`\ufeff${svgText}`, 'utf16le'));
    writeFileSync(join(images, 'bomb.png'), await pngClaiming(100_000, 100_000));
    writeFileSync(
      join(store, 'images.csv'),
      [
        HEADER,
        'DRE001,WHT,images/empty.png,a,a',
        'DRE001,BLK,images/anim.gif,a,a',
        'DRE002,WHT,images/packed.svgz,a,a',
        'DRE003,WHT,images/wide.svg,a,a',
        'DRE004,WHT,images/bomb.png,a,a',
        'DRE005,WHT,/etc/passwd,a,a',
        'DRE006,WHT,images,a,a',
        '',
      ].join('\n'),
    );
    const found = await problems(store);
    expect(found.map((p) => [p.line, p.field])).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((l) => [l, 'file']),
    );
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(/empty/),
      expect.stringMatching(/not a JPEG, PNG, WebP or SVG/),
      expect.stringMatching(/not a JPEG, PNG, WebP or SVG/),
      expect.stringMatching(/not a JPEG, PNG, WebP or SVG/),
      expect.stringMatching(/pixel/),
      expect.stringMatching(/outside the store folder/),
      expect.stringMatching(/not a file/),
    ]);
  });

  it('reads an images.csv with a BOM, CRLF lines and a quoted file name holding a comma; takes a WebP', async () => {
    const store = copyDemoStore(db.dir);
    const webp = await sharp({ create: { width: 30, height: 40, channels: 3, background: '#0a0' } })
      .webp()
      .toBuffer();
    writeFileSync(join(store, 'images', 'green, dress.webp'), webp);
    writeFileSync(
      join(store, 'images.csv'),
      `\ufeff${HEADER}\r\nDRE001,WHT,"images/green, dress.webp","绿色, 连衣裙","Green, dress"\r\n`,
    );
    await importStore(db, store, { key, media });
    expect(db.raw.prepare('SELECT type, alt_en FROM catalog_media').get()).toEqual({
      type: 'image/webp',
      alt_en: 'Green, dress',
    });
  });
});
