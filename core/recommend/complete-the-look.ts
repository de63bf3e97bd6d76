/**
 * "Complete the look": styles from the outfit slots the shopper does not have yet, ranked by how
 * often they were bought or tried together with the styles of this visit (style_affinity), that
 * suit the shopper's gender and can be had today (in stock here or online).
 */
import type { Label } from '../rules/types';
import type { ReadableDB } from '../store/db';
import {
  allowedGenders,
  genderOfVisit,
  inSentence,
  stylesOfSkus,
  variantToShow,
  type StyleFacts,
} from './catalog-facts';
import type { Gender, Recommendation } from './types';

export interface CompleteTheLookInput {
  /** Skus of this visit (tried on, scanned, in the basket). */
  skus: readonly string[];
  /** The shopper's gender when known; otherwise it is read from the visit's gendered items. */
  gender?: Gender | null | undefined;
  storeId: string;
  /** Default 6. */
  limit?: number | undefined;
  /** Styles not to propose (e.g. already shown elsewhere on the screen). */
  excludeStyles?: readonly string[] | undefined;
  /** Preferred size per outfit slot, e.g. { top: 'M', shoes: '38' }. */
  sizes?: Readonly<Record<string, string>> | undefined;
}

interface PartnerRow {
  styleA: string;
  styleB: string;
  score: number;
  coPurchases: number;
  nameZh: string;
  nameEn: string;
  slot: string;
}

/** Why a partner is proposed, naming the visit style it goes with best. */
export function pairingReason(anchor: StyleFacts, coPurchases: number): Label {
  const en = inSentence(anchor.nameEn);
  return coPurchases > 0
    ? { zh: `常与您试穿的${anchor.nameZh}一起购买`, en: `Often bought with the ${en} you tried` }
    : { zh: `常与${anchor.nameZh}一起试穿`, en: `Often tried on together with the ${en}` };
}

/**
 * Items ranked by the summed affinity to the visit's styles, best first, at most one per style.
 * Guarantees: never a style of the visit, never an outfit slot the visit already fills, never a
 * product of the other gender, never an item out of stock both here and online. Empty when the
 * visit has no known sku or history relates nothing to it.
 */
export function completeTheLook(db: ReadableDB, input: CompleteTheLookInput): Recommendation[] {
  const limit = Math.max(0, Math.min(50, Math.floor(input.limit ?? 6)));
  const visit = stylesOfSkus(db, input.skus);
  if (visit.length === 0 || limit === 0) return [];
  const gender = input.gender && input.gender !== 'U' ? input.gender : genderOfVisit(visit);
  const visitStyles = visit.map((s) => s.styleId);
  const partners = db
    .prepareRead<[{ visit: string; slots: string; genders: string }], PartnerRow>(
      `SELECT a.style_a AS styleA, a.style_b AS styleB, a.score AS score,
         a.co_purchases AS coPurchases, p.name_zh AS nameZh, p.name_en AS nameEn,
         p.outfit_slot AS slot
       FROM style_affinity a JOIN products p ON p.style_id = a.style_b
       WHERE a.style_a IN (SELECT value FROM json_each(@visit))
         AND a.style_b NOT IN (SELECT value FROM json_each(@visit))
         AND p.outfit_slot NOT IN (SELECT value FROM json_each(@slots))
         AND p.gender IN (SELECT value FROM json_each(@genders))`,
    )
    .all({
      visit: JSON.stringify(visitStyles),
      slots: JSON.stringify([...new Set(visit.map((s) => s.slot))]),
      genders: JSON.stringify(allowedGenders(gender)),
    });
  const excluded = new Set(input.excludeStyles ?? []);
  const byStyle = new Map<string, { score: number; best: PartnerRow }>();
  for (const row of partners) {
    if (excluded.has(row.styleB)) continue;
    const seen = byStyle.get(row.styleB);
    if (!seen) byStyle.set(row.styleB, { score: row.score, best: row });
    else {
      seen.score += row.score;
      if (row.score > seen.best.score) seen.best = row;
    }
  }
  const ranked = [...byStyle.entries()].sort(
    ([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : a > b ? 1 : 0),
  );
  const anchors = new Map(visit.map((s) => [s.styleId, s]));
  const items: Recommendation[] = [];
  for (const [styleId, { score, best }] of ranked) {
    if (items.length >= limit) break;
    const variant = variantToShow(db, styleId, input.storeId, input.sizes?.[best.slot]);
    const anchor = anchors.get(best.styleA);
    if (!variant || !anchor) continue;
    items.push({
      sku: variant.sku,
      styleId,
      reason: pairingReason(anchor, best.coPurchases),
      kind: 'complete-the-look',
      score,
    });
  }
  return items;
}
