/**
 * The kiosk's media cache: product images as content-addressed files under the data directory,
 * indexed in SQLite (`media_blobs`, `media_variants`), within a size limit.
 *
 * Guarantees:
 * - files are written before their index row and removed after it, both atomically, so the index
 *   never names a half-written file; a file the index does not name (a crash in between, an import
 *   that failed) is removed by `sweep`; an index row whose file vanished is dropped when served;
 * - a raster image's sizes are made once (sharp), on first use, and cached beside it; SVG is
 *   served sanitised as it is at every size;
 * - the limit counts images and their sizes; eviction takes first what the catalog no longer
 *   names, then what this store does not sell (no stock here), each least recently shown first
 *   (eviction.ts); making room for an image never evicts one of the same or higher priority;
 * - `file` only ever returns a path built from a 64-hex hash the index holds: never a path given
 *   from outside.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isMediaType, MEDIA_HASH, type MediaSize, type MediaType } from '../rules/media/types';
import { isRaster, makeVariant, VARIANT_TYPE } from '../rules/media/variants';
import type { WritableDB } from '../store/db';
import { blobPath, errnoCode, removeBlobFiles, variantPath, writeAtomic } from './blob-files';
import { createEviction, type CatalogMediaTotals, type Tier, type Victim } from './eviction';

export interface MediaCacheOptions {
  db: WritableDB;
  /** `<data dir>/media`. */
  dir: string;
  /** Bytes the cache may hold on disk, images and their sizes together. */
  limitBytes: number;
  /** Whose stock decides what "sold here" means for eviction. */
  storeId: string;
  now?: () => Date;
}

export interface MediaToStore {
  hash: string;
  type: MediaType;
  bytes: Uint8Array;
  /** The thumbnail, when the check already made it (raster images at import). */
  thumb?: Uint8Array | null;
}

export interface MediaFile {
  path: string;
  type: string;
}

export interface MissingMedia {
  hash: string;
  type: MediaType;
  bytes: number;
  tier: Tier;
}

export function createMediaCache(options: MediaCacheOptions) {
  const { db, dir } = options;
  const now = options.now ?? (() => new Date());
  let limitBytes = options.limitBytes;
  const used = new Set<string>();
  const making = new Map<string, Promise<MediaFile | null>>();
  const eviction = createEviction(db, options.storeId);

  const blobRow = db.prepareRead<[string], { type: string; bytes: number }>(
    'SELECT type, bytes FROM media_blobs WHERE hash = ?',
  );

  // Bytes on disk, counted once and then kept up to date (the sums cost a scan at 100,000 images).
  let counted: number | null = null;
  function usage(): number {
    if (counted === null)
      counted =
        db
          .prepareRead<[], { n: number }>(
            `SELECT (SELECT coalesce(sum(bytes), 0) FROM media_blobs)
              + (SELECT coalesce(sum(bytes), 0) FROM media_variants) AS n`,
          )
          .get()?.n ?? 0;
    return counted;
  }
  const grew = (bytes: number) => {
    if (counted !== null) counted += bytes;
  };

  /** Writes an image (and its thumbnail) to disk only; `index` makes it part of the cache. */
  function stage(item: MediaToStore): void {
    const path = blobPath(dir, item.hash);
    if (!existsSync(path)) writeAtomic(path, item.bytes);
    if (item.thumb && !existsSync(variantPath(dir, item.hash, 'thumb')))
      writeAtomic(variantPath(dir, item.hash, 'thumb'), item.thumb);
  }

  /**
   * Index rows for staged files; call inside the caller's transaction (the byte count follows it:
   * it is recounted if that transaction rolls back, see `recount`).
   */
  function index(item: { hash: string; type: MediaType; bytes: number; thumbBytes?: number }) {
    const added = db
      .prepare(
        `INSERT INTO media_blobs (hash, type, bytes, stored_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (hash) DO NOTHING`,
      )
      .run(item.hash, item.type, item.bytes, now().toISOString()).changes;
    if (added) grew(item.bytes);
    if (item.thumbBytes) {
      const thumb = db
        .prepare(
          `INSERT INTO media_variants (hash, size, bytes) VALUES (?, 'thumb', ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(item.hash, item.thumbBytes).changes;
      if (thumb) grew(item.thumbBytes);
    }
  }

  /** Drops the index row of an image whose file is gone (it is fetched or imported again). */
  function forget(hash: string): void {
    db.transaction(() => db.prepare('DELETE FROM media_blobs WHERE hash = ?').run(hash));
    removeBlobFiles(dir, hash);
    counted = null;
  }

  /** Writes the "last shown" times gathered since the last call (one transaction). */
  function flushUse(): void {
    if (used.size === 0) return;
    const hashes = JSON.stringify([...used]);
    used.clear();
    db.transaction(() =>
      db
        .prepare(
          'UPDATE media_blobs SET used_at = ? WHERE hash IN (SELECT value FROM json_each(?))',
        )
        .run(now().toISOString(), hashes),
    );
  }

  /**
   * A size made on first use counts against the limit too: past it, images this store does not
   * sell (or the catalog no longer names) go, never the one being shown, never one sold here.
   */
  function keepWithinLimit(shown: string): void {
    const over = usage() - limitBytes;
    if (over <= 0) return;
    flushUse();
    const victims: Victim[] = [];
    let freed = 0;
    for (const candidate of eviction.all()) {
      if (freed >= over || candidate.tier >= 2) break;
      if (candidate.hash === shown) continue;
      victims.push(candidate);
      freed += candidate.total;
    }
    eviction.evict(victims, (h) => removeBlobFiles(dir, h));
    counted = null;
  }

  async function makeSize(hash: string, size: MediaSize): Promise<MediaFile | null> {
    let original: Buffer;
    try {
      original = readFileSync(blobPath(dir, hash));
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      forget(hash);
      return null;
    }
    const bytes = await makeVariant(original, size);
    const path = variantPath(dir, hash, size);
    writeAtomic(path, bytes);
    const added = db.transaction(
      () =>
        db
          .prepare(
            `INSERT INTO media_variants (hash, size, bytes) SELECT hash, ?, ? FROM media_blobs
             WHERE hash = ? ON CONFLICT DO NOTHING`,
          )
          .run(size, bytes.length, hash).changes,
    );
    if (added) {
      grew(bytes.length);
      keepWithinLimit(hash);
    }
    return { path, type: VARIANT_TYPE };
  }

  return {
    dir,
    usage,
    stage,
    index,
    limitBytes: () => limitBytes,
    /** Counts the bytes again from the index (after a transaction that indexed was rolled back). */
    recount(): void {
      counted = null;
    },
    setLimit(bytes: number) {
      limitBytes = bytes;
    },

    /** Stores checked images: files first, then their index rows in one transaction. */
    put(items: readonly MediaToStore[]): void {
      for (const item of items) stage(item);
      db.transaction(() => {
        for (const item of items)
          index({
            hash: item.hash,
            type: item.type,
            bytes: item.bytes.length,
            thumbBytes: item.thumb?.length,
          });
      });
    },

    has(hash: string): boolean {
      return MEDIA_HASH.test(hash) && blobRow.get(hash) !== undefined;
    },

    /**
     * The file to serve for a hash at a size, made on first use for raster images; null when this
     * kiosk does not have the image (the screen shows its placeholder) or cannot decode it.
     */
    async file(hash: string, size: MediaSize): Promise<MediaFile | null> {
      if (!MEDIA_HASH.test(hash)) return null;
      const row = blobRow.get(hash);
      if (!row || !isMediaType(row.type)) return null;
      used.add(hash);
      if (!isRaster(row.type)) {
        const path = blobPath(dir, hash);
        if (existsSync(path)) return { path, type: row.type };
        forget(hash);
        return null;
      }
      const path = variantPath(dir, hash, size);
      if (existsSync(path)) return { path, type: VARIANT_TYPE };
      const key = `${hash}/${size}`;
      let pending = making.get(key);
      if (!pending) {
        pending = makeSize(hash, size).catch(() => null);
        making.set(key, pending);
        void pending.finally(() => making.delete(key));
      }
      return pending;
    },

    flushUse,

    /** Images the catalog names that are not here, the ones this store sells first. */
    missing(limit: number): MissingMedia[] {
      return eviction.missing(limit);
    },

    /** What the catalog names and how much of it is here (progress of a media fetch). */
    catalogTotals(): CatalogMediaTotals {
      return eviction.catalogTotals();
    },

    /**
     * Frees room for `bytes` more by evicting images of a lower priority than `tier` only.
     * False (nothing evicted) when that is not enough: the cache is full of what matters more.
     */
    makeRoom(bytes: number, tier: Tier): boolean {
      const over = usage() + bytes - limitBytes;
      if (over <= 0) return true;
      const victims = eviction.victims(over, tier);
      if (!victims) return false;
      this.flushUse();
      eviction.evict(victims, (hash) => removeBlobFiles(dir, hash));
      counted = null;
      return true;
    },

    /** Evicts until the cache is within its limit (after an import, a pull, a lower limit). */
    enforceLimit(): { evicted: number; freedBytes: number } {
      const over = usage() - limitBytes;
      if (over <= 0) return { evicted: 0, freedBytes: 0 };
      this.flushUse();
      const victims = eviction.victims(over, 3) ?? eviction.all();
      eviction.evict(victims, (hash) => removeBlobFiles(dir, hash));
      counted = null;
      return {
        evicted: victims.length,
        freedBytes: victims.reduce((n, v) => n + v.total, 0),
      };
    },

    /** Removes the files of these images unless the index names them (a refused import). */
    discardUnindexed(hashes: readonly string[]): void {
      for (const hash of hashes) if (!blobRow.get(hash)) removeBlobFiles(dir, hash);
    },

    /** Removes files the index does not name (left by a crash or a failed import). */
    sweep(): number {
      if (!existsSync(dir)) return 0;
      let removed = 0;
      for (const prefix of readdirSync(dir)) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const name of readdirSync(join(dir, prefix))) {
          const hash = name.slice(0, 64);
          if (!name.endsWith('.tmp') && MEDIA_HASH.test(hash) && blobRow.get(hash)) continue;
          rmSync(join(dir, prefix, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

export type MediaCache = ReturnType<typeof createMediaCache>;
