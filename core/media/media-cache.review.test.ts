/**
 * Review of the media cache's limit: the sizes of a raster image are made on first use and count
 * against the limit, yet nothing evicted for them, so a kiosk that runs for months grew past its
 * limit by the sizes of every picture it showed (the limit was enforced only at start and import).
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { dressStoreSql, dressVariantsSql } from '../../test/support/media';
import { checkMedia } from '../rules/media/check';
import { createMediaCache } from './media-cache';

let db: TestDb;
beforeEach(() => {
  db = openTestDb();
  db.exec(
    `${dressStoreSql}${dressVariantsSql}
     INSERT INTO stock VALUES ('DRE-W-S', 'S001', 3), ('DRE-B-S', 'S002', 9);`,
  );
});
afterEach(() => db.close());

/** A checked JPEG of noise (its screen size is hundreds of KB), named for a style and colour. */
async function packshot(colour: string, seed: number) {
  const jpeg = await sharp({
    create: {
      width: 1200,
      height: 1600,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 100 + seed, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
  const checked = await checkMedia(jpeg);
  if (!checked.ok) throw new Error(checked.error.message);
  db.prepare(`INSERT INTO catalog_media VALUES ('DRE', ?, ?, 'image/jpeg', ?, 'a', 'a')`).run(
    colour,
    checked.value.hash,
    checked.value.bytes.length,
  );
  return checked.value;
}

it('keeps within its limit when it makes a size on first use, evicting what this store does not sell', async () => {
  const sold = await packshot('W', 0); // stock here
  const notSold = await packshot('B', 20); // stock elsewhere only
  const media = createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes: 1 << 30,
    storeId: 'S001',
  });
  media.put([sold, notSold]);
  media.setLimit(media.usage() + 64 * 1024); // full but for 64 KB
  const shown = await media.file(sold.hash, 'screen');
  expect(shown).not.toBeNull();
  expect(media.usage()).toBeLessThanOrEqual(media.limitBytes());
  expect(media.has(sold.hash)).toBe(true);
  expect(media.has(notSold.hash)).toBe(false);
});

it('never evicts the image it is showing or one this store sells to make a size', async () => {
  const sold = await packshot('W', 0);
  const media = createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes: 1 << 30,
    storeId: 'S001',
  });
  media.put([sold]);
  media.setLimit(media.usage());
  expect(await media.file(sold.hash, 'screen')).not.toBeNull();
  expect(media.has(sold.hash)).toBe(true);
});
