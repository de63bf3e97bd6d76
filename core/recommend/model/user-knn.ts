/**
 * User-kNN: the members whose interest vectors (profiles) are closest by cosine, and what they
 * wanted. Neighbours are found through an inverted index (style → members), so the cost grows
 * with the overlap of histories, not with members²; each style's list is capped to its
 * `postingCap` most engaged members and each member's look-up to their `queryCap` strongest
 * styles, which bounds the work for bestsellers every member has touched.
 */
import type { Profiles } from './profiles';
import { topK } from './top-k';

export interface UserKnnOptions {
  /** Neighbours per member. Default 30. */
  k?: number;
  postingCap?: number;
  queryCap?: number;
}

export interface UserKnnScores {
  /** style → Σ similarity × neighbour's normalised weight. */
  scores: Map<number, number>;
  /** style → how many neighbours bought it (for the reason). */
  boughtBy: Map<number, number>;
  neighbours: number;
}

interface Posting {
  members: Int32Array;
  weights: Float64Array;
}

function strongest(weights: Float64Array, cap: number): number[] {
  const order = Array.from({ length: weights.length }, (_, j) => j);
  if (order.length <= cap) return order;
  return order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0)).slice(0, cap);
}

export class UserKnn {
  private readonly postings: (Posting | undefined)[];
  private readonly acc: Float64Array;
  private readonly k: number;
  private readonly queryCap: number;

  constructor(
    private readonly profiles: Profiles,
    styleCount: number,
    options: UserKnnOptions = {},
  ) {
    this.k = options.k ?? 30;
    this.queryCap = options.queryCap ?? 200;
    const postingCap = options.postingCap ?? 2000;
    const lists: { m: number[]; w: number[] }[] = Array.from({ length: styleCount }, () => ({
      m: [],
      w: [],
    }));
    profiles.rows.forEach((row, member) => {
      if (!row) return;
      for (let j = 0; j < row.styles.length; j++) {
        const list = lists[row.styles[j] ?? 0];
        list?.m.push(member);
        list?.w.push(row.weights[j] ?? 0);
      }
    });
    this.postings = lists.map((list) => {
      if (list.m.length === 0) return undefined;
      const keep = strongest(Float64Array.from(list.w), postingCap);
      return {
        members: Int32Array.from(keep.map((j) => list.m[j] ?? 0)),
        weights: Float64Array.from(keep.map((j) => list.w[j] ?? 0)),
      };
    });
    this.acc = new Float64Array(profiles.rows.length);
  }

  /** The neighbours of `member` (table id) and the styles they point to. */
  score(member: number): UserKnnScores {
    const scores = new Map<number, number>();
    const boughtBy = new Map<number, number>();
    const row = this.profiles.rows[member];
    const norm = this.profiles.norms[member] ?? 0;
    if (!row || norm === 0) return { scores, boughtBy, neighbours: 0 };
    const touched: number[] = [];
    for (const j of strongest(row.weights, this.queryCap)) {
      const posting = this.postings[row.styles[j] ?? 0];
      if (!posting) continue;
      const w = row.weights[j] ?? 0;
      for (let p = 0; p < posting.members.length; p++) {
        const other = posting.members[p] ?? 0;
        if (other === member) continue;
        if (this.acc[other] === 0) touched.push(other);
        this.acc[other] = (this.acc[other] ?? 0) + w * (posting.weights[p] ?? 0);
      }
    }
    const sims: { other: number; sim: number }[] = [];
    for (const other of touched) {
      const otherNorm = this.profiles.norms[other] ?? 0;
      if (otherNorm > 0) sims.push({ other, sim: (this.acc[other] ?? 0) / (norm * otherNorm) });
      this.acc[other] = 0;
    }
    const top = topK(sims, this.k, (s) => s.sim);
    for (const { other, sim } of top) {
      const theirs = this.profiles.rows[other];
      const otherNorm = this.profiles.norms[other] ?? 1;
      if (!theirs) continue;
      for (let j = 0; j < theirs.styles.length; j++) {
        const style = theirs.styles[j] ?? 0;
        scores.set(style, (scores.get(style) ?? 0) + (sim * (theirs.weights[j] ?? 0)) / otherNorm);
        if (theirs.bought[j]) boughtBy.set(style, (boughtBy.get(style) ?? 0) + 1);
      }
    }
    return { scores, boughtBy, neighbours: top.length };
  }
}
