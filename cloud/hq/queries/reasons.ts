/** Why not bought: reasons per style (most rejected first, with the fit signal) and per store. */
import { fitSignal, type ReasonCounts, type ReasonsResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import { dayRange, inStores, Params, productFilter, total } from './sql';

const REASON_COLUMNS = `${total('garments')} AS garments, ${total('rejected')} AS rejected,
  ${total('size_swaps')} AS "sizeSwaps", ${total('too_small')} AS "tooSmall", ${total('too_big')} AS "tooBig",
  ${total('colour')} AS colour, ${total('style')} AS style, ${total('price')} AS price`;

const pick = (r: ReasonCounts): ReasonCounts => ({
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

export async function reasons(q: Queryable, scope: Scope): Promise<ReasonsResponse> {
  const p = new Params();
  const { rows } = await q.query<
    ReasonCounts & {
      g_store: number;
      g_style: number;
      store_id: string | null;
      style_id: string | null;
    }
  >(
    `SELECT GROUPING(t.store_id) AS g_store, GROUPING(v.style_id) AS g_style, t.store_id, v.style_id,
       ${REASON_COLUMNS}
     FROM hq_tryon_day t JOIN variants v ON v.sku = t.sku JOIN products p ON p.style_id = v.style_id
     WHERE ${dayRange(p, scope, 't.day')} AND ${inStores(p, scope, 't.store_id')} AND ${productFilter(p, scope)}
     GROUP BY GROUPING SETS ((t.store_id), (v.style_id), ())`,
    p.values,
  );
  const totals = rows.find((r) => r.g_store && r.g_style);
  const byStyle = rows
    .filter((r) => !r.g_style && r.style_id)
    .map((r) => ({ styleId: r.style_id ?? '', ...pick(r), fit: fitSignal(r.tooSmall, r.tooBig) }))
    .sort((a, b) => b.rejected - a.rejected || a.styleId.localeCompare(b.styleId))
    .slice(0, TOP_STYLES);
  const byStore = rows
    .filter((r) => !r.g_store && r.store_id)
    .map((r) => ({ storeId: r.store_id ?? '', ...pick(r) }))
    .sort((a, b) => a.storeId.localeCompare(b.storeId));
  const empty = {
    garments: 0,
    rejected: 0,
    sizeSwaps: 0,
    tooSmall: 0,
    tooBig: 0,
    colour: 0,
    style: 0,
    price: 0,
  };
  return {
    filters: applied(scope, ['channels']),
    totals: totals ? pick(totals) : empty,
    byStyle,
    byStore,
  };
}
