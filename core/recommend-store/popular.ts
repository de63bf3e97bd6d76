/**
 * The popularity baseline and fallback: the model's most popular styles (every store and channel
 * when the cloud trained it), filtered by gender, each shown as a variant in stock here or online.
 */
import { POPULAR_REASON, type Gender, type Recommendation } from '../recommend';
import type { ReadableDB } from '../store/db';
import { allowedGenders, variantToShow } from './catalog-facts';
import { popularStyles } from './model-tables';
import { modelReader } from './model-reader';

export { POPULAR_REASON };

export interface PopularInput {
  gender?: Gender | null | undefined;
  storeId: string;
  /** Default 10. */
  limit?: number | undefined;
  excludeStyles?: readonly string[] | undefined;
  /** Preferred size per outfit slot. */
  sizes?: Readonly<Record<string, string>> | undefined;
}

/** The most popular styles that suit `gender` and can be had today, best first. */
export function popular(db: ReadableDB, input: PopularInput): Recommendation[] {
  const limit = Math.max(0, Math.min(100, Math.floor(input.limit ?? 10)));
  const excluded = new Set(input.excludeStyles ?? []);
  const genders = new Set<string>(allowedGenders(input.gender));
  const reader = modelReader(db);
  const items: Recommendation[] = [];
  for (const row of popularStyles(db, Math.max(100, limit * 4))) {
    if (items.length >= limit) break;
    const facts = reader.facts(row.styleId);
    if (excluded.has(row.styleId) || !facts || !genders.has(facts.gender)) continue;
    const variant = variantToShow(db, row.styleId, input.storeId, input.sizes?.[facts.slot]);
    if (!variant) continue;
    items.push({
      sku: variant.sku,
      styleId: row.styleId,
      reason: POPULAR_REASON,
      kind: 'popular',
      score: row.popularity,
    });
  }
  return items;
}
