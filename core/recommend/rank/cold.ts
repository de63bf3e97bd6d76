/**
 * Picks for a consenting member the model has no row for (a member of another store, or one who
 * joined after the last training): the same blend without user-kNN, from the member's own events
 * on this kiosk and the model's item neighbours, tags and popularity.
 */
import type { Reason } from '../model/events';
import type { MemberModel, ModelPick, PickWhy } from '../model/model';
import { HALF_LIFE_DAYS, largest, OUTCOME_WEIGHTS } from '../model/profiles';
import type { Outcome } from '../model/events';
import { Taste } from '../model/persona';
import type { Weights } from '../model/scorer';

export interface OwnEvent {
  styleId: string;
  outcome: Outcome;
  reason: Reason | null;
  at: number;
}

export interface ColdInput {
  memberId: string;
  events: readonly OwnEvent[];
  now: number;
  weights: Weights;
  popular: readonly { styleId: string; popularity: number }[];
  neighbours: (styleId: string) => readonly (readonly [string, number])[];
  tags: (styleId: string) => readonly string[];
  limit: number;
}

interface Interest {
  weight: number;
  tries: number;
  bought: boolean;
}

export function coldMemberModel(input: ColdInput): MemberModel {
  const own = new Map<string, Interest>();
  const halfLife = HALF_LIFE_DAYS * 86_400_000;
  for (const e of input.events) {
    const i = own.get(e.styleId) ?? { weight: 0, tries: 0, bought: false };
    i.weight += OUTCOME_WEIGHTS[e.outcome] * 0.5 ** (Math.max(0, input.now - e.at) / halfLife);
    if (e.outcome === 'purchase' || e.outcome === 'bought') i.bought = true;
    if (e.outcome !== 'purchase') i.tries++;
    own.set(e.styleId, i);
  }
  const taste = new Taste();
  const item = new Map<string, { score: number; anchor: string; best: number }>();
  for (const [styleId, i] of own) {
    taste.add(input.tags(styleId), i.weight);
    for (const [other, sim] of input.neighbours(styleId)) {
      const part = i.weight * sim;
      const seen = item.get(other) ?? { score: 0, anchor: styleId, best: 0 };
      seen.score += part;
      if (part > seen.best) {
        seen.best = part;
        seen.anchor = styleId;
      }
      item.set(other, seen);
    }
  }
  const pool = new Set([...own.keys(), ...item.keys(), ...input.popular.map((p) => p.styleId)]);
  const popularity = new Map(input.popular.map((p) => [p.styleId, p.popularity]));
  const rows = [...pool].map((styleId) => {
    const { score: persona, tag } = taste.match(input.tags(styleId));
    return {
      styleId,
      itemKnn: item.get(styleId)?.score ?? 0,
      persona,
      own: own.get(styleId)?.weight ?? 0,
      popularity: popularity.get(styleId) ?? 0,
      tag,
    };
  });
  const max = (f: (r: (typeof rows)[number]) => number) => largest(rows.map(f), 1e-12);
  const [mi, mp, mo] = [max((r) => r.itemKnn), max((r) => r.persona), max((r) => r.own)];
  const w = input.weights;
  const scored = rows.map((r) => {
    const parts = {
      itemKnn: (w.itemKnn * r.itemKnn) / mi,
      persona: (w.persona * r.persona) / mp,
      own: (w.own * r.own) / mo,
      popularity: w.popularity * r.popularity,
    };
    const score = parts.itemKnn + parts.persona + parts.own + parts.popularity;
    const top = Math.max(parts.itemKnn, parts.persona, parts.own, parts.popularity);
    const mine = own.get(r.styleId);
    const anchor = item.get(r.styleId)?.anchor;
    let why: PickWhy = { code: 'popular' };
    if (top > 0 && top === parts.own && mine)
      why = { code: 'own', tries: mine.tries, bought: mine.bought };
    else if (top > 0 && top === parts.itemKnn && anchor)
      why = { code: 'goes-with', anchor, bought: own.get(anchor)?.bought ?? false };
    else if (top > 0 && top === parts.persona && r.tag) why = { code: 'tag', tag: r.tag };
    return { styleId: r.styleId, score, why };
  });
  scored.sort((a, b) => b.score - a.score || (a.styleId < b.styleId ? -1 : 1));
  const picks: ModelPick[] = scored.slice(0, input.limit);
  return { memberId: input.memberId, picks, sizes: {} };
}
