/**
 * Choosing the blend weights: every combination of a small grid is tried on a validation split
 * (components fitted before the split, picks scored on the weeks after it) and the best
 * precision@5 wins; ties go to the earlier combination of the grid. The period a report quotes is
 * never the one the weights were chosen on (trainModel splits inside its own training data).
 */
import { precisionAt } from './evaluate';
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

/** Precision@k of one weighting, member by member (in the cases' order). */
export function precisionsOfWeights(
  cases: readonly ValidationCase[],
  weights: Weights,
  k = 5,
): number[] {
  const w = COMPONENTS.map((c) => weights[c]);
  const out: number[] = [];
  const top: { style: number; s: number }[] = [];
  for (const { candidates, truth } of cases) {
    top.length = 0;
    for (const c of candidates) {
      let s = 0;
      for (let j = 0; j < w.length; j++) s += (w[j] ?? 0) * (c.parts[j] ?? 0);
      // Keep the k best seen so far (insertion into a short sorted list).
      if (top.length < k || s > (top[top.length - 1]?.s ?? 0)) {
        let at = top.length;
        while (at > 0 && (top[at - 1]?.s ?? 0) < s) at--;
        top.splice(at, 0, { style: c.style, s });
        if (top.length > k) top.pop();
      }
    }
    out.push(
      precisionAt(
        top.map((t) => t.style),
        truth,
        k,
      ),
    );
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
