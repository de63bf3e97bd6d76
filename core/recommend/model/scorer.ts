/**
 * The five signals of a member's picks, side by side for every candidate style, each scaled to
 * [0, 1] by its best candidate for this member so a blend weight means the same for everyone:
 *
 * - userKnn: what members with the closest histories wanted (user-kNN);
 * - itemKnn: styles close to the member's own (co-occurrence across members' visits);
 * - persona: the share of the member's interest carried by the style's tags. Added, never
 *   multiplied by popularity: a style that fits the member but is not a bestseller still scores;
 * - own: the member's own interest in that very style (repeat try-ons, even rejected ones, and
 *   styles already bought predict later likes and purchases);
 * - popularity: the brand's bestsellers, one signal among five so it cannot swamp the others.
 */
import type { Gender } from '../types';
import { genderFits, type StyleInfo } from './catalog';
import type { EventTable } from './events';
import { itemKnnScores, type Neighbour } from './item-knn';
import { Taste } from './persona';
import { topK } from './top-k';
import { largest, type Profiles } from './profiles';
import type { UserKnn } from './user-knn';

export const COMPONENTS = ['userKnn', 'itemKnn', 'persona', 'own', 'popularity'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Weights = Record<Component, number>;

export interface CandidateParts {
  style: number;
  /** Scaled signals in COMPONENTS order. */
  parts: number[];
  /** Neighbours (user-kNN) who bought it. */
  boughtBy: number;
  /** The member's own style that makes it close (item-kNN), or -1. */
  anchor: number;
  /** The member's own try-ons of it, and whether they bought it. */
  tries: number;
  bought: boolean;
  /** The member's favourite tag that the style carries, or ''. */
  tag: string;
}

/** Catalogs up to this many styles score every style (so persona alone ranks them all). */
const SCORE_ALL_STYLES = 2000;
const POPULAR_POOL = 200;
const TAG_POOL = 50;

export class Scorer {
  private readonly facts: (StyleInfo | undefined)[];
  private readonly tagsOf: string[][];
  private readonly popularOrder: number[];
  private readonly byTag = new Map<string, number[]>();
  private readonly maxPopularity: number;

  constructor(
    private readonly table: EventTable,
    private readonly profiles: Profiles,
    private readonly userKnn: UserKnn,
    readonly neighbours: readonly Neighbour[][],
    catalog: readonly StyleInfo[],
  ) {
    const byId = new Map(catalog.map((s) => [s.styleId, s]));
    this.facts = table.styles.values.map((id) => byId.get(id));
    this.tagsOf = this.facts.map((f) => [...(f?.tags ?? [])]);
    this.popularOrder = table.styles.values
      .map((_, s) => s)
      .filter((s) => this.facts[s] !== undefined)
      .sort((a, b) => (profiles.popularity[b] ?? 0) - (profiles.popularity[a] ?? 0) || a - b);
    for (const s of this.popularOrder)
      for (const tag of this.tagsOf[s] ?? []) {
        const list = this.byTag.get(tag) ?? [];
        if (list.length < TAG_POOL) list.push(s);
        this.byTag.set(tag, list);
      }
    this.maxPopularity = largest(profiles.popularity, 1e-9);
  }

  /** Styles a pick may name: known to the catalog and of the shopper's gender. */
  fits(style: number, gender: Gender | null): boolean {
    const f = this.facts[style];
    return f !== undefined && genderFits(f.gender, gender);
  }

  styleInfo(style: number): StyleInfo | undefined {
    return this.facts[style];
  }

  /** Every candidate of a member (table id) with its five scaled signals. */
  candidates(member: number, gender: Gender | null): CandidateParts[] {
    const row = this.profiles.rows[member];
    const user = this.userKnn.score(member);
    const item = itemKnnScores(row, this.neighbours);
    const taste = new Taste();
    const own = new Map<number, number>();
    if (row)
      for (let j = 0; j < row.styles.length; j++) {
        const s = row.styles[j] ?? 0;
        const w = row.weights[j] ?? 0;
        own.set(s, w);
        taste.add(this.tagsOf[s] ?? [], w);
      }
    const pool = new Set<number>();
    if (this.popularOrder.length <= SCORE_ALL_STYLES)
      for (const s of this.popularOrder) pool.add(s);
    else {
      let added = 0;
      for (const s of this.popularOrder) {
        if (added >= POPULAR_POOL) break;
        if (!this.fits(s, gender)) continue;
        pool.add(s);
        added++;
      }
      for (const tag of taste.favourites(2)) for (const s of this.byTag.get(tag) ?? []) pool.add(s);
      for (const s of user.scores.keys()) pool.add(s);
      for (const s of item.scores.keys()) pool.add(s);
      for (const s of own.keys()) pool.add(s);
    }
    const out: CandidateParts[] = [];
    const max = new Float64Array(COMPONENTS.length);
    for (const style of pool) {
      if (!this.fits(style, gender)) continue;
      const { score: persona, tag } = taste.match(this.tagsOf[style] ?? []);
      const parts = [
        user.scores.get(style) ?? 0,
        item.scores.get(style) ?? 0,
        persona,
        own.get(style) ?? 0,
        (this.profiles.popularity[style] ?? 0) / this.maxPopularity,
      ];
      parts.forEach((v, c) => {
        if (v > (max[c] ?? 0)) max[c] = v;
      });
      const j = row ? indexOf(row.styles, style) : -1;
      out.push({
        style,
        parts,
        boughtBy: user.boughtBy.get(style) ?? 0,
        anchor: item.anchor.get(style) ?? -1,
        tries: j >= 0 && row ? (row.tries[j] ?? 0) : 0,
        bought: j >= 0 && row ? row.bought[j] === 1 : false,
        tag,
      });
    }
    // Popularity is already brand-relative; the personal signals are scaled per member.
    for (const c of out)
      for (let k = 0; k < COMPONENTS.length - 1; k++)
        c.parts[k] = (max[k] ?? 0) > 0 ? (c.parts[k] ?? 0) / (max[k] ?? 1) : 0;
    return out;
  }
}

/** Binary search in a sorted Int32Array; -1 when absent. */
function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The blended score of a candidate. */
export function blendScore(parts: readonly number[], weights: Weights): number {
  let score = 0;
  COMPONENTS.forEach((c, k) => (score += weights[c] * (parts[k] ?? 0)));
  return score;
}

/** The candidates' styles, best first by `score` (ties in candidate order, which is stable). */
export function topStyles(
  candidates: readonly CandidateParts[],
  score: (c: CandidateParts) => number,
  k: number,
): CandidateParts[] {
  return topK(candidates, k, score);
}
