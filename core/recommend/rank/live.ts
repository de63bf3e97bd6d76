/**
 * Ranking at the mirror, offline: the model's picks for the member (or, without profiling
 * consent, the brand's bestsellers) re-ranked at once by what happens in this visit:
 *
 * - tried now / liked now: the styles the same members come back to (item neighbours) rise;
 *   a like counts more than a try, a rejection for fit or price still says "this kind";
 * - "style" reason: styles carrying the rejected style's tags fall;
 * - "colour" reason: that colour is avoided when a variant is chosen (`avoidColours`);
 * - "too small" / "too big": the next size up / down of that very garment is proposed first
 *   (`sizeProposals`).
 *
 * Styles already in the visit are not proposed again. Pure: the caller supplies the model's rows.
 */
import { genderFits } from '../model/catalog';
import type { Reason } from '../model/events';
import type { MemberModel, PickWhy } from '../model/model';
import type { Gender } from '../types';

export type VisitOutcome = 'tried' | 'liked' | 'rejected' | 'size-swap';

export interface VisitTryOn {
  styleId: string;
  size: string;
  colour: string;
  outcome: VisitOutcome;
  reason: Reason | null;
}

export interface StyleFacts {
  gender: Gender;
  tags: readonly string[];
}

export type LiveWhy = PickWhy | { code: 'with-visit'; anchor: string; liked: boolean };

export interface RankedPick {
  styleId: string;
  score: number;
  why: LiveWhy;
}

export interface SizeProposal {
  styleId: string;
  colour: string;
  from: string;
  to: string;
  because: 'too-small' | 'too-big';
}

export interface LiveRanking {
  picks: RankedPick[];
  avoidColours: string[];
  sizeProposals: SizeProposal[];
}

export interface RankInput {
  /** The member's picks; null without profiling consent (context and popularity only). */
  member: MemberModel | null;
  /** Bestsellers, best first, with popularity in [0, 1]. */
  popular: readonly { styleId: string; popularity: number }[];
  neighbours: (styleId: string) => readonly (readonly [string, number])[];
  facts: (styleId: string) => StyleFacts | undefined;
  /** A style's sizes in wearing order (asked only for garments of the visit). */
  sizes: (styleId: string) => readonly string[];
  gender: Gender | null;
  visit: readonly VisitTryOn[];
  /** How many picks to return (the caller may skip some it cannot show). */
  limit: number;
}

/** How much one garment of the visit says, by what the shopper did with it. */
export const LIVE_WEIGHTS: Record<VisitOutcome, number> = {
  liked: 1,
  tried: 0.6,
  'size-swap': 0.6,
  rejected: 0.4,
};
/** A liked garment's closest style gains as much as the member's best pick scores. */
const LIVE_SHARE = 1;
/** A style carrying a tag the shopper rejected as "not my style" keeps this share of its score. */
export const STYLE_DEMOTION = 0.3;
/** Bestsellers considered beyond the member's own picks. */
const POPULAR_POOL = 60;

/** The next size in wearing order, up (+1) or down (-1); null at the end of the range. */
export function nextSize(sizes: readonly string[], size: string, step: 1 | -1): string | null {
  const at = sizes.indexOf(size);
  if (at < 0) return null;
  return sizes[at + step] ?? null;
}

export function rankLive(input: RankInput): LiveRanking {
  const inVisit = new Set(input.visit.map((v) => v.styleId));
  const base = new Map<string, { score: number; why: PickWhy }>();
  const top = input.member?.picks[0]?.score ?? 0;
  for (const p of input.member?.picks ?? [])
    base.set(p.styleId, { score: top > 0 ? p.score / top : 0, why: p.why });
  // Without a member the bestsellers are the base; with one they only fill up the list.
  const popularWeight = input.member ? 0.1 : 1;
  for (const p of input.popular.slice(0, POPULAR_POOL))
    if (!base.has(p.styleId))
      base.set(p.styleId, { score: popularWeight * p.popularity, why: { code: 'popular' } });

  const live = new Map<string, { score: number; anchor: string; liked: boolean; best: number }>();
  const demoted = new Set<string>();
  const avoidColours = new Set<string>();
  const sizeProposals: SizeProposal[] = [];
  for (const v of input.visit) {
    if (v.reason === 'style')
      for (const tag of input.facts(v.styleId)?.tags ?? []) demoted.add(tag);
    if (v.reason === 'colour' && v.colour) avoidColours.add(v.colour);
    if (v.reason === 'too-small' || v.reason === 'too-big') {
      const to = nextSize(input.sizes(v.styleId), v.size, v.reason === 'too-small' ? 1 : -1);
      if (to && !sizeProposals.some((p) => p.styleId === v.styleId && p.colour === v.colour))
        sizeProposals.push({
          styleId: v.styleId,
          colour: v.colour,
          from: v.size,
          to,
          because: v.reason,
        });
    }
    const weight = v.reason === 'style' ? 0 : LIVE_WEIGHTS[v.outcome];
    const neighbours = input.neighbours(v.styleId);
    const strongest = neighbours[0]?.[1] ?? 0;
    if (weight === 0 || strongest <= 0) continue;
    for (const [styleId, sim] of neighbours) {
      const part = (weight * sim) / strongest;
      const seen = live.get(styleId) ?? { score: 0, anchor: v.styleId, liked: false, best: 0 };
      seen.score += part;
      if (part > seen.best) {
        seen.best = part;
        seen.anchor = v.styleId;
        seen.liked = v.outcome === 'liked';
      }
      live.set(styleId, seen);
    }
  }
  const styles = new Set([...base.keys(), ...live.keys()]);
  const picks: RankedPick[] = [];
  for (const styleId of styles) {
    const facts = input.facts(styleId);
    if (inVisit.has(styleId) || !facts || !genderFits(facts.gender, input.gender)) continue;
    const b = base.get(styleId);
    const l = live.get(styleId);
    const liveScore = l ? LIVE_SHARE * l.score : 0;
    let score = (b?.score ?? 0) + liveScore;
    if (facts.tags.some((t) => demoted.has(t))) score *= STYLE_DEMOTION;
    const why: LiveWhy =
      l && liveScore > 0 && liveScore >= (b?.score ?? 0)
        ? { code: 'with-visit', anchor: l.anchor, liked: l.liked }
        : (b?.why ?? { code: 'popular' });
    picks.push({ styleId, score, why });
  }
  picks.sort((a, b) => b.score - a.score || (a.styleId < b.styleId ? -1 : 1));
  return {
    picks: picks.slice(0, input.limit),
    avoidColours: [...avoidColours],
    sizeProposals,
  };
}
