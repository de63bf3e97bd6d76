/**
 * Item neighbours from co-occurrence across a member's visits (not only within one session or
 * sale): two styles are close when the same members keep coming back to both. Cosine over the
 * members' interest weights; each style keeps its `topN` neighbours. These lists travel to the
 * kiosks: they score a member's picks and re-rank them live from what is tried on now.
 */
import type { Profiles } from './profiles';
import { topK } from './top-k';

export interface Neighbour {
  style: number;
  sim: number;
}

export interface ItemKnnOptions {
  /** Neighbours kept per style. Default 20. */
  topN?: number;
  /** Members per style used to find neighbours (the most engaged). Default 2000. */
  postingCap?: number;
  /** Styles per member used to find neighbours (the strongest). Default 100. */
  rowCap?: number;
}

export function itemNeighbours(
  profiles: Profiles,
  styleCount: number,
  options: ItemKnnOptions = {},
): Neighbour[][] {
  const topN = options.topN ?? 20;
  const postingCap = options.postingCap ?? 2000;
  const rowCap = options.rowCap ?? 100;
  const norms = new Float64Array(styleCount);
  const postings: { m: number[]; w: number[] }[] = Array.from({ length: styleCount }, () => ({
    m: [],
    w: [],
  }));
  // Each member's strongest styles only (a member with thousands of events would dominate).
  const capped: { styles: number[]; weights: number[] }[] = [];
  profiles.rows.forEach((row, member) => {
    if (!row) return;
    const order = Array.from({ length: row.styles.length }, (_, j) => j);
    if (order.length > rowCap) order.sort((a, b) => (row.weights[b] ?? 0) - (row.weights[a] ?? 0));
    const keep = order.slice(0, rowCap);
    capped[member] = {
      styles: keep.map((j) => row.styles[j] ?? 0),
      weights: keep.map((j) => row.weights[j] ?? 0),
    };
    for (let j = 0; j < row.styles.length; j++) {
      const s = row.styles[j] ?? 0;
      const w = row.weights[j] ?? 0;
      norms[s] = (norms[s] ?? 0) + w * w;
      postings[s]?.m.push(member);
      postings[s]?.w.push(w);
    }
  });
  for (let s = 0; s < styleCount; s++) norms[s] = Math.sqrt(norms[s] ?? 0);
  const acc = new Float64Array(styleCount);
  const out: Neighbour[][] = [];
  for (let a = 0; a < styleCount; a++) {
    const posting = postings[a];
    if (!posting || posting.m.length === 0 || (norms[a] ?? 0) === 0) {
      out.push([]);
      continue;
    }
    let members = posting.m.map((m, j) => ({ m, w: posting.w[j] ?? 0 }));
    if (members.length > postingCap) members = topK(members, postingCap, (x) => x.w);
    const touched: number[] = [];
    for (const { m, w } of members) {
      const row = capped[m];
      if (!row) continue;
      for (let j = 0; j < row.styles.length; j++) {
        const b = row.styles[j] ?? 0;
        if (b === a) continue;
        if (acc[b] === 0) touched.push(b);
        acc[b] = (acc[b] ?? 0) + w * (row.weights[j] ?? 0);
      }
    }
    const list: Neighbour[] = [];
    for (const b of touched) {
      const sim = (acc[b] ?? 0) / ((norms[a] ?? 1) * (norms[b] || 1));
      if (sim > 0) list.push({ style: b, sim });
      acc[b] = 0;
    }
    out.push(topK(list, topN, (n) => n.sim));
  }
  return out;
}

/** A member's item-kNN scores: Σ over their styles of interest × similarity. */
export function itemKnnScores(
  row: { styles: Int32Array; weights: Float64Array } | undefined,
  neighbours: readonly Neighbour[][],
): { scores: Map<number, number>; anchor: Map<number, number> } {
  const scores = new Map<number, number>();
  const best = new Map<number, number>();
  const anchor = new Map<number, number>();
  if (!row) return { scores, anchor };
  for (let j = 0; j < row.styles.length; j++) {
    const a = row.styles[j] ?? 0;
    const w = row.weights[j] ?? 0;
    for (const n of neighbours[a] ?? []) {
      const part = w * n.sim;
      scores.set(n.style, (scores.get(n.style) ?? 0) + part);
      if (part > (best.get(n.style) ?? 0)) {
        best.set(n.style, part);
        anchor.set(n.style, a);
      }
    }
  }
  return { scores, anchor };
}
