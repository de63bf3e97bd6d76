/**
 * "Complete the look" and "for you" for the visit on screen, with the reasons a shopper reads.
 * Computed once per change of the visit's garments or member, not on every screen refresh.
 * "For you" uses the member's history only with consent (core/recommend checks it).
 */
import type { SessionView } from '../../../bridge/views';
import type { Catalog } from '../../../core/catalog/lookup';
import { completeTheLook, forYou, type Recommendation } from '../../../core/recommend';
import type { ReadableDB } from '../../../core/store/db';

type Suggestions = SessionView['suggestions'];

const empty: Suggestions = { look: [], forYou: [] };
const perList = 4;

export function createSuggestions(db: ReadableDB, catalog: Catalog, storeId: string) {
  let lastKey = '';
  let last: Suggestions = empty;

  function toSuggestion(recommendation: Recommendation): Suggestions['look'][number] | null {
    const item = catalog.lookup(recommendation.sku);
    if (!item) return null;
    return {
      sku: item.sku,
      name: { zh: item.nameZh, en: item.nameEn },
      priceCents: item.priceCents,
      reason: recommendation.reason,
    };
  }

  const present = <T>(value: T | null): value is T => value !== null;

  return {
    /** Suggestions for these garments and member; empty when nothing has been brought in. */
    for(skus: readonly string[], memberId: string | null): Suggestions {
      if (skus.length === 0 && !memberId) return empty;
      const key = `${skus.join(',')}|${memberId ?? ''}`;
      if (key === lastKey) return last;
      const look = skus.length
        ? completeTheLook(db, { skus: [...skus], storeId, limit: perList })
        : [];
      const personal = memberId ? forYou(db, { memberId, storeId, limit: perList }) : null;
      last = {
        look: look.map(toSuggestion).filter(present),
        forYou: personal?.ok ? personal.value.items.map(toSuggestion).filter(present) : [],
      };
      lastKey = key;
      return last;
    },
  };
}
export type SuggestionSource = ReturnType<typeof createSuggestions>;
