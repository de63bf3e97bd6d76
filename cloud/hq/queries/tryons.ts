/**
 * The try-on counters grouped by store, by style, by day and in total, for the fitting-room and
 * "why not bought" views, read from the grain that fits the scope: brand-wide pages read the
 * brand × style × day and store × day rollups (a few thousand rows for a month), a store's or a
 * city's pages read store × day × SKU. A product filter on a brand-wide page narrows the stores
 * through the SKU index instead.
 */
import type { Queryable } from '../../db/db';
import type { Scope } from '../scope';
import { monthsAndDays, type ReadGrain } from './months';
import { dayRange, hasProductFilter, inStores, Params, productFilter, total } from './sql';

export interface TryonCounters {
  garments: number;
  likedOrBought: number;
  bought: number;
  boughtVisit: number;
  boughtStore: number;
  boughtOnline: number;
  boughtMiniapp: number;
  rejected: number;
  sizeSwaps: number;
  tooSmall: number;
  tooBig: number;
  colour: number;
  style: number;
  price: number;
}

export const NO_TRYONS: TryonCounters = {
  garments: 0,
  likedOrBought: 0,
  bought: 0,
  boughtVisit: 0,
  boughtStore: 0,
  boughtOnline: 0,
  boughtMiniapp: 0,
  rejected: 0,
  sizeSwaps: 0,
  tooSmall: 0,
  tooBig: 0,
  colour: 0,
  style: 0,
  price: 0,
};

/** "Bought" in the channels the scope keeps: the visit's basket and later store purchases are the store. */
export function boughtExpr(scope: Scope, prefix = ''): string {
  const parts: string[] = [];
  if (scope.channels.includes('store'))
    parts.push(`${prefix}bought_visit`, `${prefix}bought_store`);
  if (scope.channels.includes('online')) parts.push(`${prefix}bought_online`);
  if (scope.channels.includes('miniapp')) parts.push(`${prefix}bought_miniapp`);
  return parts.length > 0 ? parts.join(' + ') : '0';
}

function counters(scope: Scope, t: string): string {
  return `${total(`${t}.garments`)} AS garments, ${total(`${t}.liked_or_bought`)} AS "likedOrBought",
    ${total(boughtExpr(scope, `${t}.`))} AS bought, ${total(`${t}.bought_visit`)} AS "boughtVisit",
    ${total(`${t}.bought_store`)} AS "boughtStore", ${total(`${t}.bought_online`)} AS "boughtOnline",
    ${total(`${t}.bought_miniapp`)} AS "boughtMiniapp", ${total(`${t}.rejected`)} AS rejected,
    ${total(`${t}.size_swaps`)} AS "sizeSwaps", ${total(`${t}.too_small`)} AS "tooSmall",
    ${total(`${t}.too_big`)} AS "tooBig", ${total(`${t}.colour`)} AS colour, ${total(`${t}.style`)} AS style,
    ${total(`${t}.price`)} AS price`;
}

export function pickCounters(r: TryonCounters): TryonCounters {
  return {
    garments: r.garments,
    likedOrBought: r.likedOrBought,
    bought: r.bought,
    boughtVisit: r.boughtVisit,
    boughtStore: r.boughtStore,
    boughtOnline: r.boughtOnline,
    boughtMiniapp: r.boughtMiniapp,
    rejected: r.rejected,
    sizeSwaps: r.sizeSwaps,
    tooSmall: r.tooSmall,
    tooBig: r.tooBig,
    colour: r.colour,
    style: r.style,
    price: r.price,
  };
}

export interface TryonGroups {
  total: TryonCounters;
  byStore: Map<string, TryonCounters>;
  byStyle: Map<string, TryonCounters>;
  byDay: Map<string, TryonCounters>;
}

interface GroupRow extends TryonCounters {
  g_store: number;
  g_style: number;
  g_day: number;
  store_id: string | null;
  style_id: string | null;
  day: string | null;
}

function collect(rows: GroupRow[], into: TryonGroups): void {
  for (const r of rows) {
    const c = pickCounters(r);
    if (!r.g_store && r.store_id !== null) into.byStore.set(r.store_id, c);
    else if (!r.g_style && r.style_id !== null) into.byStyle.set(r.style_id, c);
    else if (!r.g_day && r.day !== null) into.byDay.set(r.day, c);
    else if (r.g_store && r.g_style && r.g_day) into.total = c;
  }
}

/** The 13 counter columns every try-on rollup has, in one order. */
const COLUMNS = `garments, liked_or_bought, rejected, size_swaps, bought_visit, bought_store, bought_online,
  bought_miniapp, too_small, too_big, colour, style, price`;

/**
 * The try-on counters grouped for the scope. `grain: 'days'` reads the day rollups only (the
 * reading before the month rollups, kept to check them against).
 */
export async function tryonGroups(
  q: Queryable,
  scope: Scope,
  grain: ReadGrain = 'months',
): Promise<TryonGroups> {
  const groups: TryonGroups = {
    total: NO_TRYONS,
    byStore: new Map(),
    byStyle: new Map(),
    byDay: new Map(),
  };
  const p = new Params();
  if (scope.stores !== null) {
    const { rows } = await q.query<GroupRow>(
      `SELECT GROUPING(t.store_id) AS g_store, GROUPING(v.style_id) AS g_style, GROUPING(t.day) AS g_day,
         t.store_id, v.style_id, t.day::text AS day, ${counters(scope, 't')}
       FROM hq_tryon_day t JOIN variants v ON v.sku = t.sku JOIN products p ON p.style_id = v.style_id
       WHERE t.store_id = ANY(${p.list(scope.stores)}) AND ${dayRange(p, scope, 't.day')}
         AND ${productFilter(p, scope)}
       GROUP BY GROUPING SETS ((t.store_id), (v.style_id), (t.day), ())`,
      p.values,
    );
    collect(rows, groups);
    return groups;
  }
  const styles = monthsAndDays(
    p,
    scope,
    { days: 'hq_tryon_style_all', months: 'hq_tryon_style_month', select: `style_id, ${COLUMNS}` },
    grain,
  );
  const { rows } = await q.query<GroupRow>(
    `SELECT 1 AS g_store, GROUPING(t.style_id) AS g_style, 1 AS g_day, NULL AS store_id, t.style_id,
       NULL AS day, ${counters(scope, 't')}
     FROM (${styles}) t JOIN products p ON p.style_id = t.style_id
     WHERE ${productFilter(p, scope)}
     GROUP BY GROUPING SETS ((t.style_id), ())`,
    p.values,
  );
  collect(rows, groups);
  for (const [day, c] of await tryonsByDay(q, scope, grain)) groups.byDay.set(day, c);
  for (const [store, c] of await tryonsByStore(q, scope, grain)) groups.byStore.set(store, c);
  return groups;
}

/**
 * Brand-wide counters by day: one brand × day row a day (known styles only, as the product join
 * below counts them; a day whose counters are all zero is left out), or, under a product filter
 * or the day grain, the brand × day × style rollup.
 */
async function tryonsByDay(q: Queryable, scope: Scope, grain: ReadGrain) {
  const p = new Params();
  const sql =
    grain === 'months' && !hasProductFilter(scope)
      ? `SELECT t.day::text AS key, ${counters(scope, 't')} FROM hq_tryon_brand_day t
         WHERE ${dayRange(p, scope, 't.day')} AND t.garments <> 0 GROUP BY t.day`
      : `SELECT t.day::text AS key, ${counters(scope, 't')}
         FROM hq_tryon_style_all t JOIN products p ON p.style_id = t.style_id
         WHERE ${dayRange(p, scope, 't.day')} AND ${productFilter(p, scope)} GROUP BY t.day`;
  const { rows } = await q.query<TryonCounters & { key: string }>(sql, p.values);
  return rows.map((r) => [r.key, pickCounters(r)] as const);
}

/** Brand-wide counters by store: store × month and × day, or through the SKU index under a product filter. */
async function tryonsByStore(q: Queryable, scope: Scope, grain: ReadGrain) {
  const s = new Params();
  const sql = hasProductFilter(scope)
    ? `SELECT t.store_id AS key, ${counters(scope, 't')} FROM hq_tryon_day t
       WHERE ${dayRange(s, scope, 't.day')} AND t.sku IN (
         SELECT v.sku FROM variants v JOIN products p ON p.style_id = v.style_id WHERE ${productFilter(s, scope)})
       GROUP BY t.store_id`
    : `SELECT t.store_id AS key, ${counters(scope, 't')} FROM (${monthsAndDays(
        s,
        scope,
        {
          days: 'hq_tryon_store_day',
          months: 'hq_tryon_store_month',
          select: `store_id, ${COLUMNS}`,
        },
        grain,
      )}) t GROUP BY t.store_id`;
  const { rows } = await q.query<TryonCounters & { key: string }>(sql, s.values);
  return rows.map((r) => [r.key, pickCounters(r)] as const);
}

/** A style's colours and sizes (through the SKU index, whatever the scope). */
export async function tryonsByVariant(q: Queryable, scope: Scope) {
  const p = new Params();
  const { rows } = await q.query<TryonCounters & { sku: string; colorCode: string; size: string }>(
    `SELECT v.sku, v.color_code AS "colorCode", v.size, ${counters(scope, 't')}
     FROM variants v JOIN products p ON p.style_id = v.style_id JOIN hq_tryon_day t ON t.sku = v.sku
     WHERE ${productFilter(p, scope)} AND ${dayRange(p, scope, 't.day')} AND ${inStores(p, scope, 't.store_id')}
     GROUP BY v.sku, v.color_code, v.size ORDER BY v.sku`,
    p.values,
  );
  return rows;
}

/** Fitting-room sessions by store and day (category, season and style do not narrow them). */
export async function sessionCounts(q: Queryable, scope: Scope, grain: ReadGrain = 'months') {
  if (scope.stores !== null || grain === 'days') return sessionsFromStoreDays(q, scope);
  const byStore = new Map<string, number>();
  const byDay = new Map<string, number>();
  const s = new Params();
  const stores = monthsAndDays(
    s,
    scope,
    { days: 'hq_tryon_store_day', months: 'hq_tryon_store_month', select: 'store_id, sessions' },
    grain,
  );
  const { rows } = await q.query<{ key: string; sessions: number }>(
    `SELECT t.store_id AS key, ${total('t.sessions')} AS sessions FROM (${stores}) t GROUP BY t.store_id`,
    s.values,
  );
  for (const r of rows) byStore.set(r.key, r.sessions);
  const d = new Params();
  const { rows: days } = await q.query<{ key: string; sessions: number }>(
    `SELECT day::text AS key, sessions::float8 AS sessions FROM hq_tryon_brand_day WHERE ${dayRange(d, scope)}`,
    d.values,
  );
  let all = 0;
  for (const r of days) {
    byDay.set(r.key, r.sessions);
    all += r.sessions;
  }
  return { total: all, byStore, byDay };
}

async function sessionsFromStoreDays(q: Queryable, scope: Scope) {
  const p = new Params();
  const { rows } = await q.query<{ store_id: string | null; day: string | null; sessions: number }>(
    `SELECT CASE WHEN GROUPING(store_id) = 0 THEN store_id END AS store_id,
       CASE WHEN GROUPING(day) = 0 THEN day::text END AS day, ${total('sessions')} AS sessions
     FROM hq_tryon_store_day WHERE ${dayRange(p, scope)} AND ${inStores(p, scope, 'store_id')}
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
