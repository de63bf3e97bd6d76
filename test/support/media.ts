/**
 * Fixtures for the media tests: a one-store catalog with a dress in white and black (the rows a
 * media cache decides eviction by), a kiosk with a media cache for the fetcher tests, and a PNG
 * whose header claims any size.
 */
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach } from 'vitest';
import { createMediaCache, type MediaCache } from '../../core/media/media-cache';
import type { WritableDB } from '../../core/store/db';
import { testKiosk } from '../../sync/test-support';
import { tempDir } from './temp';

/** Store S001 and the dress style DRE; variants and stock are each test's own. */
export const dressStoreSql = `
  INSERT INTO stores VALUES ('S001', '店', 'Store', 'SH', 'Asia/Shanghai');
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full');`;

/** DRE in white (DRE-W-S) and black (DRE-B-S), size S. */
export const dressVariantsSql = `
  INSERT INTO variants VALUES ('DRE-W-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100),
                              ('DRE-B-S', 'DRE', '06970001000023', 'B', '黑', 'Black', 'S', 100);`;

/** A real 1×1 PNG whose header claims width × height (CRC fixed). */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

export interface MediaKiosk {
  readonly db: WritableDB;
  readonly media: MediaCache;
}

/**
 * Before each test: a kiosk database with `dressStoreSql` and `sql`, and a media cache of
 * `limitBytes` in a folder of its own; both removed after it.
 */
export function useMediaKiosk(options: { sql?: string; limitBytes: number }): MediaKiosk {
  let k: ReturnType<typeof testKiosk> | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  let media: MediaCache | undefined;
  beforeEach(() => {
    k = testKiosk();
    dir = tempDir('media-kiosk-');
    k.db.exec(dressStoreSql + (options.sql ?? ''));
    media = createMediaCache({
      db: k.db,
      dir: join(dir.path, 'media'),
      limitBytes: options.limitBytes,
      storeId: 'S001',
    });
  });
  afterEach(() => {
    k?.remove();
    dir?.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('use the media kiosk inside a test');
    return value;
  };
  return {
    get db() {
      return ready(k).db;
    },
    get media() {
      return ready(media);
    },
  };
}
