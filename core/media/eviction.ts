/**
 * Which cached images go first when the media cache is over its limit, and which missing ones
 * are fetched first. Priority (`Tier`): 0 = the catalog no longer names it (a replaced or
 * withdrawn image), 1 = named, but no variant of its style and colour is in stock at this store,
 * 2 = sold here. Eviction goes up the tiers, least recently shown first within one; fetching goes
 * down them.
 */
import { isMediaType } from '../rules/media/types';
import type { WritableDB } from '../store/db';
import type { MissingMedia } from './media-cache';

export type Tier = 0 | 1 | 2 | 3;

/** Images the catalog names, by distinct content hash: all of them, and those stored here. */
export interface CatalogMediaTotals {
  files: number;
  bytes: number;
  storedFiles: number;
  storedBytes: number;
}

export interface Victim {
  hash: string;
  total: number;
  tier: Tier;
}

const tierOf = (n: number): Tier => (n === 2 ? 2 : n === 1 ? 1 : 0);

/** Hashes of images of a style and colour with stock at the store (`@store`). */
const SOLD_HERE = `SELECT cm.hash FROM catalog_media cm
  JOIN variants v ON v.style_id = cm.style_id AND v.color_code = cm.color_code
  JOIN stock s ON s.sku = v.sku AND s.location_id = @store AND s.on_hand > 0`;

export function createEviction(db: WritableDB, storeId: string) {
  const candidates = () =>
    db
      .prepareRead<[{ store: string }], { hash: string; total: number; tier: number }>(
        `WITH sold AS (${SOLD_HERE})
         SELECT b.hash AS hash,
           b.bytes + coalesce((SELECT sum(mv.bytes) FROM media_variants mv WHERE mv.hash = b.hash), 0)
             AS total,
           CASE WHEN b.hash IN (SELECT hash FROM sold) THEN 2
                WHEN b.hash IN (SELECT hash FROM catalog_media) THEN 1 ELSE 0 END AS tier
         FROM media_blobs b
         ORDER BY tier, coalesce(b.used_at, b.stored_at), b.hash`,
      )
      .all({ store: storeId })
      .map((row) => ({ hash: row.hash, total: row.total, tier: tierOf(row.tier) }));

  return {
    /** The fewest images, in eviction order, below `belowTier` that free `bytes`; null if none. */
    victims(bytes: number, belowTier: Tier): Victim[] | null {
      const chosen: Victim[] = [];
      let freed = 0;
      for (const candidate of candidates()) {
        if (candidate.tier >= belowTier) break;
        chosen.push(candidate);
        freed += candidate.total;
        if (freed >= bytes) return chosen;
      }
      return null;
    },
    all: (): Victim[] => candidates(),
    /** Deletes the index rows in one transaction, then the files. */
    evict(victims: readonly Victim[], removeFiles: (hash: string) => void): void {
      if (victims.length === 0) return;
      db.transaction(() =>
        db
          .prepare('DELETE FROM media_blobs WHERE hash IN (SELECT value FROM json_each(?))')
          .run(JSON.stringify(victims.map((v) => v.hash))),
      );
      for (const victim of victims) removeFiles(victim.hash);
    },
    /** The images the catalog names (by distinct hash) and how many of them are here. */
    catalogTotals(): CatalogMediaTotals {
      const row = db
        .prepareRead<[], CatalogMediaTotals>(
          `SELECT count(*) AS files, coalesce(sum(bytes), 0) AS bytes,
             coalesce(sum(here), 0) AS storedFiles, coalesce(sum(here * bytes), 0) AS storedBytes
           FROM (SELECT max(cm.bytes) AS bytes,
                   EXISTS (SELECT 1 FROM media_blobs b WHERE b.hash = cm.hash) AS here
                 FROM catalog_media cm GROUP BY cm.hash)`,
        )
        .get();
      return row ?? { files: 0, bytes: 0, storedFiles: 0, storedBytes: 0 };
    },
    missing(limit: number): MissingMedia[] {
      return db
        .prepareRead<
          [{ store: string; limit: number }],
          { hash: string; type: string; bytes: number; tier: number }
        >(
          `WITH sold AS (${SOLD_HERE})
           SELECT cm.hash AS hash, min(cm.type) AS type, max(cm.bytes) AS bytes,
             max(CASE WHEN cm.hash IN (SELECT hash FROM sold) THEN 2 ELSE 1 END) AS tier
           FROM catalog_media cm
           WHERE cm.hash NOT IN (SELECT hash FROM media_blobs)
           GROUP BY cm.hash ORDER BY tier DESC, cm.hash LIMIT @limit`,
        )
        .all({ store: storeId, limit })
        .flatMap((row) =>
          isMediaType(row.type)
            ? [{ hash: row.hash, type: row.type, bytes: row.bytes, tier: tierOf(row.tier) }]
            : [],
        );
    },
  };
}
