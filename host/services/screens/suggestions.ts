/**
 * "Complete the look", "for you" and size advice for the visit on screen, from the kiosk's
 * recommendation model (core/recommend-store), offline. "For you" is re-ranked at once by what the
 * shopper does in this visit (tried, liked, not for me and why); it is personal only for a member
 * who consented to profiling (core checks it), otherwise it comes from the visit and the
 * bestsellers. Computed once per change of the visit, the member or the model, not per refresh.
 */
import type { SessionView, TryOnCard } from '../../../bridge/views';
import type { Catalog } from '../../../core/catalog/lookup';
import type { MemberView } from '../../../core/members';
import type { Recommendation, VisitTryOn } from '../../../core/recommend';
import { activeModel, completeTheLook, fitAdvice, visitPicks } from '../../../core/recommend-store';
import type { ReadableDB } from '../../../core/store/db';

type Suggestions = SessionView['suggestions'];

const empty: Suggestions = { look: [], forYou: [] };
const perList = 4;

/** What the shopper did with each garment of the visit, as the ranking's live signals. */
export function visitSignals(cards: readonly TryOnCard[]): VisitTryOn[] {
  return cards.map((c) => ({
    styleId: c.styleId,
    size: c.size,
    colour: c.color.code,
    outcome: c.reaction ?? 'tried',
    reason: c.reaction === 'rejected' ? c.reason : null,
  }));
}

export function createSuggestions(db: ReadableDB, catalog: Catalog, storeId: string) {
  let lastKey = '';
  let last: Suggestions = empty;
  const advice = new Map<string, TryOnCard['fit']>();
  let adviceMember: string | null = null;

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
  const modelVersion = () => activeModel(db)?.version ?? '';

  return {
    /** Suggestions for these garments and member; empty when nothing has been brought in. */
    for(cards: readonly TryOnCard[], member: MemberView | null): Suggestions {
      if (cards.length === 0 && !member) return empty;
      const signals = visitSignals(cards);
      const key = JSON.stringify([signals, member?.memberId ?? '', modelVersion()]);
      if (key === lastKey) return last;
      const look = cards.length
        ? completeTheLook(db, { skus: cards.map((c) => c.sku), storeId, limit: perList })
        : [];
      const picks = visitPicks(db, {
        memberId: member?.memberId ?? null,
        visit: signals,
        storeId,
        limit: perList,
      });
      last = {
        look: look.map(toSuggestion).filter(present),
        forYou: picks.map(toSuggestion).filter(present),
      };
      lastKey = key;
      return last;
    },
    /** The cards with their size advice (the shopper's usual size when a consenting member). */
    withFit(cards: readonly TryOnCard[], member: MemberView | null): TryOnCard[] {
      const memberId = member?.memberId ?? null;
      const version = modelVersion();
      // Advice built from a member's usual sizes never outlives their visit.
      if (memberId !== adviceMember) advice.clear();
      adviceMember = memberId;
      return cards.map((card) => {
        const key = `${version}|${card.sku}|${memberId ?? ''}`;
        if (!advice.has(key)) {
          if (advice.size > 500) advice.clear();
          advice.set(key, fitAdvice(db, { styleId: card.styleId, size: card.size, memberId }));
        }
        return { ...card, fit: advice.get(key) ?? null };
      });
    },
  };
}
export type SuggestionSource = ReturnType<typeof createSuggestions>;
