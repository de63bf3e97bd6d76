/**
 * "Complete the look": styles from the outfit slots the shopper does not have yet, ranked by the
 * model's look partners of this visit's styles (bought in one sale, tried together, or bought by
 * the same members across visits: core/recommend/model/look), that suit the shopper's gender and
 * can be had today (in stock here or online).
 */
import { inSentence, type Gender, type Recommendation } from '../recommend';
import type { Label } from '../rules/types';
import type { ReadableDB } from '../store/db';
import {
  allowedGenders,
  genderOfVisit,
  stylesOfSkus,
  variantToShow,
  type StyleFacts,
} from './catalog-facts';
import { modelReader } from './model-reader';

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

/** Why a partner is proposed, naming the visit style it goes with best. */
export function pairingReason(anchor: StyleFacts, coPurchases: number): Label {
  const en = inSentence(anchor.nameEn);
  return coPurchases > 0
    ? { zh: `常与您试穿的${anchor.nameZh}一起购买`, en: `Often bought with the ${en} you tried` }
    : { zh: `常与${anchor.nameZh}一起试穿`, en: `Often tried on together with the ${en}` };
}

/**
 * Items ranked by the summed look score to the visit's styles, best first, one per style.
 * Guarantees: never a style of the visit, never an outfit slot the visit already fills, never a
 * product of the other gender, never an item out of stock both here and online. Empty when the
 * visit has no known sku or history relates nothing to it.
 */
export function completeTheLook(db: ReadableDB, input: CompleteTheLookInput): Recommendation[] {
  const limit = Math.max(0, Math.min(50, Math.floor(input.limit ?? 6)));
  const visit = stylesOfSkus(db, input.skus);
  if (visit.length === 0 || limit === 0) return [];
  const gender = input.gender && input.gender !== 'U' ? input.gender : genderOfVisit(visit);
  const reader = modelReader(db);
  const visitStyles = new Set(visit.map((s) => s.styleId));
  const filledSlots = new Set(visit.map((s) => s.slot));
  const genders = new Set<string>(allowedGenders(gender));
  const excluded = new Set(input.excludeStyles ?? []);
  const byStyle = new Map<
    string,
    { score: number; anchor: string; coPurchases: number; best: number; slot: string }
  >();
  for (const anchor of visit)
    for (const [styleId, score, coPurchases] of reader.item(anchor.styleId)?.look ?? []) {
      const facts = reader.facts(styleId);
      if (visitStyles.has(styleId) || excluded.has(styleId) || !facts) continue;
      if (filledSlots.has(facts.slot) || !genders.has(facts.gender)) continue;
      const seen = byStyle.get(styleId) ?? {
        score: 0,
        anchor: anchor.styleId,
        coPurchases,
        best: 0,
        slot: facts.slot,
      };
      seen.score += score;
      if (score > seen.best) {
        seen.best = score;
        seen.anchor = anchor.styleId;
        seen.coPurchases = coPurchases;
      }
      byStyle.set(styleId, seen);
    }
  const ranked = [...byStyle.entries()].sort(
    ([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : a > b ? 1 : 0),
  );
  const anchors = new Map(visit.map((s) => [s.styleId, s]));
  const items: Recommendation[] = [];
  for (const [styleId, best] of ranked) {
    if (items.length >= limit) break;
    const variant = variantToShow(db, styleId, input.storeId, input.sizes?.[best.slot]);
    const anchor = anchors.get(best.anchor);
    if (!variant || !anchor) continue;
    items.push({
      sku: variant.sku,
      styleId,
      reason: pairingReason(anchor, best.coPurchases),
      kind: 'complete-the-look',
      score: Math.round(best.score * 10_000) / 10_000,
    });
  }
  return items;
}
