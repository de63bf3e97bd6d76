/**
 * Sales and stock from the style rollups: units sold in the range (brand × day × style for every
 * location, location × day × style otherwise), stock on hand now, sell-through, weeks of cover
 * over the range's last 4 weeks; slow movers (in stock, and no sale in `slowDays` days up to the
 * range's end, or tried 3+ times since its last sale there), stores only; sizes asked for at a
 * mirror while the store had none (lost demand).
 */
import { addDays, daysBetween, type StockResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import { dayRange, inLocations, inStores, Params, productFilter, total } from './sql';

const RECENT_DAYS = 28;
const TRIED_NOT_BOUGHT_MIN = 3;
const LIMIT = 200;

/** Stock at ONLINE serves the online channels; stock in stores serves the store channel. */
export function stockLocations(p: Params, scope: Scope, column: string): string {
  const store = scope.channels.includes('store');
  const online = scope.channels.includes('online') || scope.channels.includes('miniapp');
  const channelPart =
    store && online
      ? 'true'
      : store
        ? `${column} <> 'ONLINE'`
        : online
          ? `${column} = 'ONLINE'`
          : 'false';
  return `${inLocations(p, scope, column)} AND ${channelPart}`;
}

/** Stock by style now: brand-wide from hq_style_stock_all, for some locations from hq_style_store. */
function heldSource(p: Params, scope: Scope): string {
  if (scope.locations !== null)
    return `SELECT style_id, sum(on_hand) AS on_hand FROM hq_style_store
      WHERE ${stockLocations(p, scope, 'location_id')} GROUP BY style_id`;
  const store = scope.channels.includes('store');
  const online = scope.channels.includes('online') || scope.channels.includes('miniapp');
  const which = store && online ? 'true' : store ? 'NOT online' : online ? 'online' : 'false';
  return `SELECT style_id, sum(on_hand) AS on_hand FROM hq_style_stock_all WHERE ${which} GROUP BY style_id`;
}

function soldSource(p: Params, scope: Scope): string {
  return scope.locations === null
    ? `hq_style_sales_all WHERE ${dayRange(p, scope)}`
    : `hq_style_sales_day WHERE location_id = ANY(${p.list(scope.locations)}) AND ${dayRange(p, scope)}`;
}

export async function stock(q: Queryable, scope: Scope, slowDays: number): Promise<StockResponse> {
  const recentFrom =
    daysBetween(scope.from, scope.to) >= RECENT_DAYS
      ? addDays(scope.to, 1 - RECENT_DAYS)
      : scope.from;
  const recentWeeks = (daysBetween(recentFrom, scope.to) + 1) / 7;
  const p = new Params();
  const { rows: byStyle } = await q.query<{
    styleId: string;
    unitsSold: number;
    netCents: number;
    onHand: number;
    recent: number;
  }>(
    `WITH sold AS (
       SELECT style_id, sum(units) AS units, sum(net_cents) AS net,
         sum(units) FILTER (WHERE day >= ${p.add(recentFrom)}::date) AS recent
       FROM ${soldSource(p, scope)} AND channel = ANY(${p.list(scope.channels)})
       GROUP BY style_id),
     held AS (${heldSource(p, scope)})
     SELECT p.style_id AS "styleId", coalesce(sold.units, 0)::float8 AS "unitsSold",
       coalesce(sold.net, 0)::float8 AS "netCents", greatest(coalesce(held.on_hand, 0), 0)::float8 AS "onHand",
       coalesce(sold.recent, 0)::float8 AS recent
     FROM products p LEFT JOIN sold ON sold.style_id = p.style_id LEFT JOIN held ON held.style_id = p.style_id
     WHERE ${productFilter(p, scope)} AND (sold.units > 0 OR held.on_hand > 0)
     ORDER BY 2 DESC, 1 LIMIT ${LIMIT}`,
    p.values,
  );
  const s = new Params();
  const cutoff = addDays(scope.to, 1 - slowDays);
  const { rows: slow } = await q.query<StockResponse['slowMovers'][number]>(
    `SELECT h.location_id AS "locationId", h.style_id AS "styleId", h.on_hand::float8 AS "onHand",
       to_char(h.last_sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastSoldAt",
       (h.last_sold_at IS NULL OR h.last_sold_at < (${s.add(cutoff)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AS "noSale",
       h.tries::float8 AS "triesSinceSale", h.tries >= ${TRIED_NOT_BOUGHT_MIN} AS "triedNotBought"
     FROM hq_style_store h JOIN products p ON p.style_id = h.style_id
     WHERE h.on_hand > 0 AND ${inStores(s, scope, 'h.location_id')} AND h.location_id <> 'ONLINE'
       AND ${productFilter(s, scope)}
       AND (h.last_sold_at IS NULL OR h.last_sold_at < (${s.add(cutoff)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
            OR h.tries >= ${TRIED_NOT_BOUGHT_MIN})
     ORDER BY h.on_hand DESC, 1, 2 LIMIT ${LIMIT}`,
    s.values,
  );
  const l = new Params();
  const { rows: lost } = await q.query<StockResponse['lostDemand'][number]>(
    `SELECT r.store_id AS "storeId", r.sku, v.style_id AS "styleId", v.color_code AS "colorCode", v.size,
       ${total('r.requests')} AS requests, ${total('r.out_of_stock')} AS "outOfStock"
     FROM hq_size_requests_day r JOIN variants v ON v.sku = r.sku JOIN products p ON p.style_id = v.style_id
     WHERE ${dayRange(l, scope, 'r.day')} AND ${inStores(l, scope, 'r.store_id')} AND ${productFilter(l, scope)}
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.out_of_stock) > 0
     ORDER BY "outOfStock" DESC, 1, 2 LIMIT 100`,
    l.values,
  );
  return {
    filters: applied(scope),
    slowDays,
    recent: { from: recentFrom, weeks: recentWeeks },
    byStyle: byStyle.map((r) => {
      const weeklyUnits = r.recent / recentWeeks;
      return {
        styleId: r.styleId,
        unitsSold: r.unitsSold,
        netCents: r.netCents,
        onHand: r.onHand,
        sellThrough: r.unitsSold + r.onHand > 0 ? r.unitsSold / (r.unitsSold + r.onHand) : null,
        weeklyUnits,
        weeksOfCover: weeklyUnits > 0 ? r.onHand / weeklyUnits : null,
      };
    }),
    slowMovers: slow,
    lostDemand: lost,
  };
}
