/** Why not bought: reasons per style (most rejected first, with the fit signal) and per store. */
import { fitSignal, IGNORED_FILTERS, type ReasonCounts, type ReasonsResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import type { ReadGrain } from './months';
import { tryonGroups, type TryonCounters } from './tryons';

const reasonsOf = (r: TryonCounters): ReasonCounts => ({
  garments: r.garments,
  rejected: r.rejected,
  sizeSwaps: r.sizeSwaps,
  tooSmall: r.tooSmall,
  tooBig: r.tooBig,
  colour: r.colour,
  style: r.style,
  price: r.price,
});

/** The most rejected styles listed (a style filter lists just that one). */
const TOP_STYLES = 100;

export async function reasons(
  q: Queryable,
  scope: Scope,
  grain: ReadGrain = 'months',
): Promise<ReasonsResponse> {
  const groups = await tryonGroups(q, scope, grain);
  return {
    filters: applied(scope, IGNORED_FILTERS.reasons),
    totals: reasonsOf(groups.total),
    byStyle: [...groups.byStyle]
      .map(([styleId, c]) => ({ styleId, ...reasonsOf(c), fit: fitSignal(c.tooSmall, c.tooBig) }))
      .sort((a, b) => b.rejected - a.rejected || a.styleId.localeCompare(b.styleId))
      .slice(0, TOP_STYLES),
    byStore: [...groups.byStore]
      .map(([storeId, c]) => ({ storeId, ...reasonsOf(c) }))
      .sort((a, b) => a.storeId.localeCompare(b.storeId)),
  };
}
