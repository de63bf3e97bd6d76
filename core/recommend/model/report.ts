/**
 * The quality table: every single signal and the blend, scored on a time split that the blend's
 * weights never saw. Training data is everything before `cut`; the blend's weights are chosen by
 * `trainModel` on the last weeks before `cut` (its own inner split); the truth is what each
 * member liked or bought in [cut, end). Values are per member, for bootstrap intervals.
 */
import type { MemberInfo, StyleInfo } from './catalog';
import type { EventTable } from './events';
import type { Component, Weights } from './scorer';
import { trainModel, validationCases } from './train';
import { precisionsOfWeights } from './weights';

export type Method = Component | 'blend';

export interface SplitReport {
  members: number;
  /** Weights the blend used, chosen on the inner split before `cut`. */
  weights: Weights;
  /** Precision@k per member, per method (same member order for every method). */
  precision: Record<Method, number[]>;
}

const only = (c: Component): Weights => ({
  userKnn: 0,
  itemKnn: 0,
  persona: 0,
  own: 0,
  popularity: 0,
  [c]: 1,
});

export function splitReport(
  table: EventTable,
  catalog: readonly StyleInfo[],
  members: readonly MemberInfo[],
  options: { cut: number; end: number; now: Date; k?: number },
): SplitReport {
  const k = options.k ?? 5;
  const inner = trainModel(table, catalog, members, { until: options.cut, now: options.now });
  const cases = validationCases(
    table,
    catalog,
    members,
    options.cut,
    options.end,
    Number.MAX_SAFE_INTEGER,
  );
  const of = (c: Component) => precisionsOfWeights(cases, only(c), k);
  const precision: Record<Method, number[]> = {
    userKnn: of('userKnn'),
    itemKnn: of('itemKnn'),
    persona: of('persona'),
    own: of('own'),
    popularity: of('popularity'),
    blend: precisionsOfWeights(cases, inner.meta.weights, k),
  };
  return { members: cases.length, weights: inner.meta.weights, precision };
}
