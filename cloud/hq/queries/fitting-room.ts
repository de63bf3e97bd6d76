/**
 * Fitting room, from the try-on rollup (day × store × SKU), the sessions rollup (category ×
 * season cells) and the size-request rollup. "Bought" adds the ways the channels filter keeps:
 * the visit's basket and later store purchases are the store channel.
 */
import type { FittingRoomResponse, Funnel, SizeRequestSums } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import { dayRange, inStores, Params, productFilter, total } from './sql';

export function boughtExpr(scope: Scope, prefix = ''): string {
  const parts: string[] = [];
  if (scope.channels.includes('store'))
    parts.push(`${prefix}bought_visit`, `${prefix}bought_store`);
  if (scope.channels.includes('online')) parts.push(`${prefix}bought_online`);
  if (scope.channels.includes('miniapp')) parts.push(`${prefix}bought_miniapp`);
  return parts.length > 0 ? parts.join(' + ') : '0';
}

export function funnelColumns(scope: Scope): string {
  return `${total('garments')} AS garments, ${total('liked_or_bought')} AS "likedOrBought",
    ${total(boughtExpr(scope))} AS bought, ${total('bought_visit')} AS "boughtVisit",
    ${total('bought_store')} AS "boughtStore", ${total('bought_online')} AS "boughtOnline",
    ${total('bought_miniapp')} AS "boughtMiniapp", ${total('rejected')} AS rejected,
    ${total('size_swaps')} AS "sizeSwaps"`;
}

const pickFunnel = (r: Funnel): Funnel => ({
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
const EMPTY_FUNNEL: Funnel = pickFunnel({
  garments: 0,
  likedOrBought: 0,
  bought: 0,
  boughtVisit: 0,
  boughtStore: 0,
  boughtOnline: 0,
  boughtMiniapp: 0,
  rejected: 0,
  sizeSwaps: 0,
});
const NO_REQUESTS: SizeRequestSums = { requests: 0, brought: 0, bringSeconds: 0, outOfStock: 0 };

interface FunnelRow extends Funnel {
  g_store: number;
  g_style: number;
  g_day: number;
  store_id: string | null;
  style_id: string | null;
  day: string | null;
}

export async function fittingRoom(q: Queryable, scope: Scope): Promise<FittingRoomResponse> {
  const p = new Params();
  const { rows } = await q.query<FunnelRow>(
    `SELECT GROUPING(t.store_id) AS g_store, GROUPING(v.style_id) AS g_style, GROUPING(t.day) AS g_day,
       t.store_id, v.style_id, t.day::text AS day, ${funnelColumns(scope)}
     FROM hq_tryon_day t JOIN variants v ON v.sku = t.sku JOIN products p ON p.style_id = v.style_id
     WHERE ${dayRange(p, scope, 't.day')} AND ${inStores(p, scope, 't.store_id')} AND ${productFilter(p, scope)}
     GROUP BY GROUPING SETS ((t.store_id), (v.style_id), (t.day), ())`,
    p.values,
  );
  const totals = rows.find((r) => r.g_store && r.g_style && r.g_day);
  const sessions = await sessionCounts(q, scope);
  const requests = await sizeRequests(q, scope);
  const byStore = rows
    .filter((r) => !r.g_store && r.store_id)
    .map((r) => ({
      storeId: r.store_id ?? '',
      ...pickFunnel(r),
      sessions: sessions.byStore.get(r.store_id ?? '') ?? 0,
      sizeRequests: requests.byStore.get(r.store_id ?? '') ?? NO_REQUESTS,
    }))
    .sort((a, b) => a.storeId.localeCompare(b.storeId));
  const byStyle = rows
    .filter((r) => !r.g_style && r.style_id)
    .map((r) => ({ styleId: r.style_id ?? '', ...pickFunnel(r) }))
    .sort((a, b) => b.garments - a.garments || a.styleId.localeCompare(b.styleId))
    .slice(0, 100);
  const byDay = rows
    .filter((r) => !r.g_day && r.day)
    .map((r) => ({
      day: r.day ?? '',
      ...pickFunnel(r),
      sessions: sessions.byDay.get(r.day ?? '') ?? 0,
    }))
    .sort((a, b) => a.day.localeCompare(b.day));
  return {
    filters: applied(scope),
    totals: {
      ...(totals ? pickFunnel(totals) : EMPTY_FUNNEL),
      sessions: sessions.total,
      sizeRequests: requests.total,
    },
    byStore,
    byStyle,
    byVariant: scope.style ? await byVariant(q, scope) : [],
    byDay,
  };
}

async function byVariant(q: Queryable, scope: Scope) {
  const p = new Params();
  const { rows } = await q.query<Funnel & { sku: string; colorCode: string; size: string }>(
    `SELECT v.sku, v.color_code AS "colorCode", v.size, ${funnelColumns(scope)}
     FROM hq_tryon_day t JOIN variants v ON v.sku = t.sku JOIN products p ON p.style_id = v.style_id
     WHERE ${dayRange(p, scope, 't.day')} AND ${inStores(p, scope, 't.store_id')} AND ${productFilter(p, scope)}
     GROUP BY v.sku, v.color_code, v.size ORDER BY v.sku`,
    p.values,
  );
  return rows.map((r) => ({ sku: r.sku, colorCode: r.colorCode, size: r.size, ...pickFunnel(r) }));
}

/** Sessions that tried something in the category/season cell (a style filter does not narrow them). */
async function sessionCounts(q: Queryable, scope: Scope) {
  const p = new Params();
  const { rows } = await q.query<{ store_id: string | null; day: string | null; sessions: number }>(
    `SELECT CASE WHEN GROUPING(store_id) = 0 THEN store_id END AS store_id,
       CASE WHEN GROUPING(day) = 0 THEN day::text END AS day, ${total('sessions')} AS sessions
     FROM hq_sessions_day
     WHERE category = ${p.add(scope.category ?? '*')} AND season = ${p.add(scope.season ?? '*')}
       AND ${dayRange(p, scope)} AND ${inStores(p, scope, 'store_id')}
     GROUP BY GROUPING SETS ((store_id), (day), ())`,
    p.values,
  );
  const byStore = new Map<string, number>();
  const byDay = new Map<string, number>();
  let all = 0;
  for (const r of rows) {
    if (r.store_id) byStore.set(r.store_id, r.sessions);
    else if (r.day) byDay.set(r.day, r.sessions);
    else all = r.sessions;
  }
  return { total: all, byStore, byDay };
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
