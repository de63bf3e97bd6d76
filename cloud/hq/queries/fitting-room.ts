/**
 * Fitting room: the try-on counters (queries/tryons.ts) as a funnel per store, style, day and in
 * total, sessions, a style's colours and sizes, and size requests with the time to bring them.
 */
import type { FittingRoomResponse, Funnel, SizeRequestSums } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import type { ReadGrain } from './months';
import { dayRange, inStores, Params, productFilter, total } from './sql';
import {
  NO_TRYONS,
  sessionCounts,
  tryonGroups,
  tryonsByVariant,
  type TryonCounters,
} from './tryons';

const funnel = (r: TryonCounters): Funnel => ({
  garments: r.garments,
  likedOrBought: r.likedOrBought,
  bought: r.bought,
  boughtVisit: r.boughtVisit,
  boughtStore: r.boughtStore,
  boughtOnline: r.boughtOnline,
  boughtMiniapp: r.boughtMiniapp,
  rejected: r.rejected,
  sizeSwaps: r.sizeSwaps,
});
const NO_REQUESTS: SizeRequestSums = { requests: 0, brought: 0, bringSeconds: 0, outOfStock: 0 };
const TOP_STYLES = 100;

export async function fittingRoom(
  q: Queryable,
  scope: Scope,
  grain: ReadGrain = 'months',
): Promise<FittingRoomResponse> {
  const groups = await tryonGroups(q, scope, grain);
  const sessions = await sessionCounts(q, scope, grain);
  const requests = await sizeRequests(q, scope);
  const storeIds = new Set([...groups.byStore.keys(), ...sessions.byStore.keys()]);
  return {
    filters: applied(scope),
    totals: { ...funnel(groups.total), sessions: sessions.total, sizeRequests: requests.total },
    byStore: [...storeIds].sort().map((storeId) => ({
      storeId,
      ...funnel(groups.byStore.get(storeId) ?? NO_TRYONS),
      sessions: sessions.byStore.get(storeId) ?? 0,
      sizeRequests: requests.byStore.get(storeId) ?? NO_REQUESTS,
    })),
    byStyle: [...groups.byStyle]
      .map(([styleId, c]) => ({ styleId, ...funnel(c) }))
      .sort((a, b) => b.garments - a.garments || a.styleId.localeCompare(b.styleId))
      .slice(0, TOP_STYLES),
    byVariant: scope.style
      ? (await tryonsByVariant(q, scope)).map((r) => ({
          sku: r.sku,
          colorCode: r.colorCode,
          size: r.size,
          ...funnel(r),
        }))
      : [],
    byDay: [...groups.byDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, c]) => ({ day, ...funnel(c), sessions: sessions.byDay.get(day) ?? 0 })),
  };
}

async function sizeRequests(q: Queryable, scope: Scope) {
  const p = new Params();
  const { rows } = await q.query<SizeRequestSums & { store_id: string | null }>(
    `SELECT CASE WHEN GROUPING(r.store_id) = 0 THEN r.store_id END AS store_id,
       ${total('r.requests')} AS requests, ${total('r.brought')} AS brought,
       ${total('r.bring_seconds')} AS "bringSeconds", ${total('r.out_of_stock')} AS "outOfStock"
     FROM hq_size_requests_day r JOIN variants v ON v.sku = r.sku JOIN products p ON p.style_id = v.style_id
     WHERE ${dayRange(p, scope, 'r.day')} AND ${inStores(p, scope, 'r.store_id')} AND ${productFilter(p, scope)}
     GROUP BY GROUPING SETS ((r.store_id), ())`,
    p.values,
  );
  const byStore = new Map<string, SizeRequestSums>();
  let all = NO_REQUESTS;
  for (const r of rows) {
    const sums = {
      requests: r.requests,
      brought: r.brought,
      bringSeconds: r.bringSeconds,
      outOfStock: r.outOfStock,
    };
    if (r.store_id) byStore.set(r.store_id, sums);
    else all = sums;
  }
  return { total: all, byStore };
}
