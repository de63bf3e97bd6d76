/**
 * Choosing the blend weights: every combination of a small grid is tried on a validation split
 * (components fitted before the split, picks scored on the weeks after it) and the best
 * precision@5 wins; ties go to the earlier combination of the grid. The period a report quotes is
 * never the one the weights were chosen on (trainModel splits inside its own training data).
 */
import { COMPONENTS, type CandidateParts, type Weights } from './scorer';

export const WEIGHT_GRID: Record<(typeof COMPONENTS)[number], readonly number[]> = {
  userKnn: [0, 0.5, 1],
  itemKnn: [0, 0.25, 0.5, 1],
  persona: [0, 0.25, 0.5, 1],
  own: [0, 0.25, 0.5, 1],
  popularity: [0, 0.1, 0.25, 0.5],
};

/** Used when there are too few members to choose: user-kNN first, a little of everything else. */
export const DEFAULT_WEIGHTS: Weights = {
  userKnn: 1,
  itemKnn: 0.25,
  persona: 0.25,
  own: 0.25,
  popularity: 0.1,
};

export function* weightGrid(): Generator<Weights> {
  const g = WEIGHT_GRID;
  for (const userKnn of g.userKnn)
    for (const itemKnn of g.itemKnn)
      for (const persona of g.persona)
        for (const own of g.own)
          for (const popularity of g.popularity)
            if (userKnn + itemKnn + persona + own + popularity > 0)
              yield { userKnn, itemKnn, persona, own, popularity };
}

export interface ValidationCase {
  candidates: readonly CandidateParts[];
  truth: ReadonlySet<number>;
}

/** Precision@k of one weighting over the cases (mean over members). */
export function precisionOfWeights(
  cases: readonly ValidationCase[],
  weights: Weights,
  k = 5,
): number {
  const each = precisionsOfWeights(cases, weights, k);
  return each.length > 0 ? each.reduce((a, b) => a + b, 0) / each.length : 0;
}

/**
 * The cases packed for the grid: every candidate's signals in one array, whether it is in the
 * member's truth in another. Scoring hundreds of weightings then allocates nothing.
 */
interface Packed {
  parts: Float64Array;
  hit: Uint8Array;
  offsets: Int32Array;
}
const packedCases = new WeakMap<readonly ValidationCase[], Packed>();

function pack(cases: readonly ValidationCase[]): Packed {
  const seen = packedCases.get(cases);
  if (seen) return seen;
  const offsets = new Int32Array(cases.length + 1);
  cases.forEach((c, i) => (offsets[i + 1] = (offsets[i] ?? 0) + c.candidates.length));
  const total = offsets[cases.length] ?? 0;
  const width = COMPONENTS.length;
  const parts = new Float64Array(total * width);
  const hit = new Uint8Array(total);
  cases.forEach(({ candidates, truth }, i) => {
    candidates.forEach((c, j) => {
      const at = (offsets[i] ?? 0) + j;
      for (let k = 0; k < width; k++) parts[at * width + k] = c.parts[k] ?? 0;
      hit[at] = truth.has(c.style) ? 1 : 0;
    });
  });
  const packed = { parts, hit, offsets };
  packedCases.set(cases, packed);
  return packed;
}

/** Precision@k of one weighting, member by member (in the cases' order). */
export function precisionsOfWeights(
  cases: readonly ValidationCase[],
  weights: Weights,
  k = 5,
): number[] {
  const { parts, hit, offsets } = pack(cases);
  const w = COMPONENTS.map((c) => weights[c]);
  const width = w.length;
  const topScore = new Float64Array(k);
  const topHit = new Uint8Array(k);
  const out: number[] = [];
  for (let i = 0; i < cases.length; i++) {
    let kept = 0;
    for (let at = offsets[i] ?? 0; at < (offsets[i + 1] ?? 0); at++) {
      let s = 0;
      for (let j = 0; j < width; j++) s += (w[j] ?? 0) * (parts[at * width + j] ?? 0);
      // Keep the k best so far; an equal score does not displace an earlier candidate.
      if (kept === k && s <= (topScore[k - 1] ?? 0)) continue;
      let pos = kept < k ? kept++ : k - 1;
      while (pos > 0 && (topScore[pos - 1] ?? 0) < s) {
        topScore[pos] = topScore[pos - 1] ?? 0;
        topHit[pos] = topHit[pos - 1] ?? 0;
        pos--;
      }
      topScore[pos] = s;
      topHit[pos] = hit[at] ?? 0;
    }
    let hits = 0;
    for (let j = 0; j < kept; j++) hits += topHit[j] ?? 0;
    out.push(hits / k);
  }
  return out;
}

export function chooseWeights(cases: readonly ValidationCase[]): {
  weights: Weights;
  precision: number;
} {
  let best: { weights: Weights; precision: number } | null = null;
  for (const weights of weightGrid()) {
    const precision = precisionOfWeights(cases, weights);
    if (!best || precision > best.precision + 1e-12) best = { weights, precision };
  }
  return best ?? { weights: DEFAULT_WEIGHTS, precision: 0 };
}
