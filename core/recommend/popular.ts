/**
 * The popularity baseline and fallback: styles by how many sales included them (then try-ons),
 * filtered by gender, each shown as a variant in stock here or online.
 */
import type { ReadableDB } from '../store/db';
import { allowedGenders, variantToShow } from './catalog-facts';
import type { Gender, Recommendation } from './types';

export interface PopularInput {
  /**
   * Count only sales before this instant (computed from history, for the time-split benchmark).
   * Without it the table built by the last `rebuildAffinity` is used. An invalid date gives [].
   */
  before?: Date | undefined;
  gender?: Gender | null | undefined;
  storeId: string;
  /** Default 10. */
  limit?: number | undefined;
  excludeStyles?: readonly string[] | undefined;
  /** Preferred size per outfit slot. */
  sizes?: Readonly<Record<string, string>> | undefined;
}

export const POPULAR_REASON = { zh: '本季热销款', en: 'A bestseller this season' };

export interface PopularityRow {
  styleId: string;
  slot: string;
  tags: string;
  purchases: number;
}

/**
 * Styles of the given genders by the number of sales that included them, best first: from
 * history before `before` when given, else from the table of the last rebuild.
 */
export function popularityRanking(
  db: ReadableDB,
  input: { before?: Date | undefined },
  genders: string,
): PopularityRow[] {
  type Row = PopularityRow;
  if (input.before) {
    return db
      .prepareRead<[{ before: string; genders: string }], Row>(
        `SELECT v.style_id AS styleId, p.outfit_slot AS slot, p.style_tags AS tags, count(DISTINCT h.txn_id) AS purchases
         FROM history_transactions h JOIN variants v ON v.sku = h.sku
           JOIN products p ON p.style_id = v.style_id
         WHERE unixepoch(h.ts) < unixepoch(@before)
           AND p.gender IN (SELECT value FROM json_each(@genders))
         GROUP BY v.style_id ORDER BY purchases DESC, v.style_id`,
      )
      .all({ before: input.before.toISOString(), genders });
  }
  return db
    .prepareRead<[{ genders: string }], Row>(
      `SELECT s.style_id AS styleId, p.outfit_slot AS slot, p.style_tags AS tags, s.purchases AS purchases
       FROM style_popularity s JOIN products p ON p.style_id = s.style_id
       WHERE p.gender IN (SELECT value FROM json_each(@genders))
       ORDER BY s.purchases DESC, s.tryons DESC, s.style_id`,
    )
    .all({ genders });
}

/** The most bought styles that suit `gender` and can be had today, best first. */
export function popular(db: ReadableDB, input: PopularInput): Recommendation[] {
  if (input.before && !Number.isFinite(input.before.getTime())) return [];
  const limit = Math.max(0, Math.min(100, Math.floor(input.limit ?? 10)));
  const excluded = new Set(input.excludeStyles ?? []);
  const items: Recommendation[] = [];
  for (const row of popularityRanking(db, input, JSON.stringify(allowedGenders(input.gender)))) {
    if (items.length >= limit) break;
    if (excluded.has(row.styleId)) continue;
    const variant = variantToShow(db, row.styleId, input.storeId, input.sizes?.[row.slot]);
    if (!variant) continue;
    items.push({
      sku: variant.sku,
      styleId: row.styleId,
      reason: POPULAR_REASON,
      kind: 'popular',
      score: row.purchases,
    });
  }
  return items;
}
