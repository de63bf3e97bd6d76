import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { dressStoreSql, dressVariantsSql } from '../../test/support/media';
import { sha256Hex } from '../rules/media/check';
import { blobPath } from './blob-files';
import { createMediaCache, type MediaCache } from './media-cache';

let db: TestDb;
let clock = Date.parse('2026-11-24T08:00:00Z');
const KB = 1024;

beforeEach(() => {
  db = openTestDb();
  db.exec(
    `${dressStoreSql}${dressVariantsSql}
     INSERT INTO stock VALUES ('DRE-W-S', 'S001', 3), ('DRE-B-S', 'S001', 0), ('DRE-B-S', 'S002', 9);`,
  );
});
afterEach(() => db.close());

const cache = (limitBytes: number): MediaCache =>
  createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes,
    storeId: 'S001',
    now: () => new Date((clock += 1000)),
  });
/** An SVG of about `kb` KB whose content (and hash) depends on `seed`. */
function svg(seed: string, kb = 10) {
  const bytes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg"><desc>${seed.padEnd(kb * KB, '.')}</desc></svg>`,
  );
  return { hash: sha256Hex(bytes), type: 'image/svg+xml' as const, bytes };
}
const name = (style: string, colour: string, image: { hash: string; bytes: Buffer }) =>
  db
    .prepare(
      `INSERT INTO catalog_media VALUES (?, ?, ?, 'image/svg+xml', ?, 'alt', 'alt')
       ON CONFLICT (style_id, color_code) DO UPDATE SET hash = excluded.hash`,
    )
    .run(style, colour, image.hash, image.bytes.length);
const held = () =>
  (db.raw.prepare('SELECT hash FROM media_blobs').all() as { hash: string }[]).map((r) => r.hash);

describe('the media cache', () => {
  it('evicts what the catalog no longer names, then what this store does not sell, least recently shown first', async () => {
    const media = cache(100 * KB);
    const soldHere = svg('white'); // DRE/W has stock at S001
    const notSoldHere = svg('black'); // DRE/B only at S002
    const replaced = svg('old white'); // the catalog now names another image for DRE/W
    const oldBlack = svg('older black');
    name('DRE', 'W', soldHere);
    name('DRE', 'B', notSoldHere);
    media.put([replaced, oldBlack, notSoldHere, soldHere]);
    await media.file(oldBlack.hash, 'thumb'); // shown more recently than `replaced`
    media.flushUse();
    expect(media.usage()).toBeGreaterThan(40 * KB);

    media.setLimit(35 * KB);
    expect(media.enforceLimit().evicted).toBe(1);
    // both are no longer named: the one shown least recently goes first
    expect(held()).not.toContain(replaced.hash);
    expect(existsSync(blobPath(media.dir, replaced.hash))).toBe(false);

    media.setLimit(25 * KB);
    media.enforceLimit();
    expect(held().sort()).toEqual([notSoldHere.hash, soldHere.hash].sort());

    media.setLimit(15 * KB);
    media.enforceLimit();
    expect(held()).toEqual([soldHere.hash]);
    expect(existsSync(blobPath(media.dir, notSoldHere.hash))).toBe(false);
  });

  it('makes room only by evicting what matters less, and says when the cache is full', () => {
    const media = cache(25 * KB);
    const a = svg('a');
    const b = svg('b');
    name('DRE', 'W', a);
    name('DRE', 'B', b);
    media.put([a]);
    // b is not sold here (tier 1); a is (tier 2): a is never evicted for b
    expect(media.makeRoom(b.bytes.length * 2, 1)).toBe(false);
    expect(held()).toEqual([a.hash]);
    const orphan = svg('orphan');
    media.put([orphan]);
    expect(media.makeRoom(b.bytes.length, 1)).toBe(true);
    expect(held()).toEqual([a.hash]);
  });

  it('lists missing images the store sells first', () => {
    const media = cache(1024 * KB);
    const [white, black] = [svg('w'), svg('b')];
    name('DRE', 'B', black);
    name('DRE', 'W', white);
    expect(media.missing(10).map((m) => [m.hash, m.tier])).toEqual([
      [white.hash, 2],
      [black.hash, 1],
    ]);
    media.put([white]);
    expect(media.missing(10).map((m) => m.hash)).toEqual([black.hash]);
  });

  it('makes a raster image’s sizes once, serves SVG as it is, and forgets a file that vanished', async () => {
    const media = cache(64 * 1024 * KB);
    const jpeg = await sharp({
      create: { width: 2000, height: 3000, channels: 3, background: '#345' },
    })
      .jpeg()
      .toBuffer();
    const image = { hash: sha256Hex(jpeg), type: 'image/jpeg' as const, bytes: jpeg };
    media.put([image]);
    const [first, second] = await Promise.all([
      media.file(image.hash, 'screen'),
      media.file(image.hash, 'screen'),
    ]);
    expect(first).toEqual(second);
    expect(first?.type).toBe('image/webp');
    const meta = await sharp(first?.path).metadata();
    expect([meta.width, meta.height]).toEqual([960, 1440]);
    expect(db.raw.prepare('SELECT size FROM media_variants').all()).toEqual([{ size: 'screen' }]);

    const drawing = svg('drawing');
    media.put([drawing]);
    expect(await media.file(drawing.hash, 'thumb')).toEqual({
      path: blobPath(media.dir, drawing.hash),
      type: 'image/svg+xml',
    });
    expect(await media.file('0'.repeat(64), 'thumb')).toBeNull();
    expect(await media.file('../../etc/passwd', 'thumb')).toBeNull();

    rmSync(blobPath(media.dir, drawing.hash));
    expect(await media.file(drawing.hash, 'thumb')).toBeNull();
    expect(media.has(drawing.hash)).toBe(false);
  });

  it('sweeps files the index does not name', () => {
    const media = cache(1024 * KB);
    const kept = svg('kept');
    const stray = svg('stray');
    media.put([kept]);
    media.stage(stray);
    writeFileSync(`${blobPath(media.dir, kept.hash)}.abc.tmp`, 'half');
    expect(media.sweep()).toBe(2);
    expect(existsSync(blobPath(media.dir, kept.hash))).toBe(true);
    expect(existsSync(blobPath(media.dir, stray.hash))).toBe(false);
  });
});
