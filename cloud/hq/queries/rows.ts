/**
 * Drill-down: the rows a number counts, one kind per source, under the same scope as the view.
 * Each kind states its columns, its tables and how each parameter narrows them; the count stops
 * at MAX_EXPORT_ROWS (`capped` says so). Member keys never leave the server for garments and
 * sales; member lists show the member id, or "erased" for an erased member's random key.
 */
import { MAX_EXPORT_ROWS, type RowKind, type RowsParams, type RowsResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { monthOf } from '../rollups/rfm-snapshots';
import { fail, ok, type Result } from '../../../common/result';
import type { Scope } from '../scope';
import { kiosksSpec } from './rows-kiosks';
import { countRows, knownCount } from './rows-count';
import { stockLocations } from './stock';
import {
  dayRange,
  equalTo,
  inLocations,
  inStores,
  instantRange,
  Params,
  productFilter,
} from './sql';

type ColumnType = RowsResponse['columns'][number]['type'];
interface Column {
  key: string;
  type: ColumnType;
  sql: string;
}
export interface RowsSpec {
  columns: Column[];
  from: string;
  where: string[];
  groupBy?: string;
  having?: string;
  orderBy: string;
}

const c = (key: string, type: ColumnType, sql: string): Column => ({ key, type, sql });
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const memberLabel = (column: string) =>
  `CASE WHEN ${column} LIKE 'anon:%' THEN 'erased' ELSE ${column} END`;
const yes = (v: string | undefined) => v === 'yes';

function boughtVias(scope: Scope): string[] {
  const vias: string[] = [];
  if (scope.channels.includes('store')) vias.push('visit', 'store');
  if (scope.channels.includes('online')) vias.push('online');
  if (scope.channels.includes('miniapp')) vias.push('miniapp');
  return vias;
}

function salesSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [
    instantRange(p, scope, 'l.sold_at'),
    inLocations(p, scope, 'l.location_id'),
    `l.channel = ANY(${p.list(scope.channels)})`,
    productFilter(p, scope),
  ];
  equalTo(where, p, 'l.day', r.day, '::date');
  if (r.since) where.push(`l.day >= ${p.add(r.since)}::date`);
  if (r.hour !== undefined) where.push(`hq_hour(l.sold_at) = ${p.add(r.hour)}`);
  equalTo(where, p, 'l.channel', r.channel);
  equalTo(where, p, 'l.location_id', r.storeId);
  equalTo(where, p, 'l.style_id', r.styleId);
  if (r.member) where.push(`l.is_member = ${p.add(yes(r.member))}`);
  return {
    columns: [
      c('saleId', 'text', 'l.sale_id'),
      c('soldAt', 'instant', iso('l.sold_at')),
      c('location', 'text', 'l.location_id'),
      c('channel', 'text', 'l.channel'),
      c('lines', 'int', 'count(*)::int'),
      c('units', 'int', 'sum(l.qty)::int'),
      c('netCents', 'money', 'sum(l.net_cents)::float8'),
      c('member', 'bool', 'l.is_member'),
    ],
    from: 'hq_sale_lines l LEFT JOIN products p ON p.style_id = l.style_id',
    where,
    // a sale's lines share its time: grouping by (sold_at, sale_id) follows the index, page by page
    groupBy: 'l.sold_at, l.sale_id, l.location_id, l.channel, l.is_member',
    orderBy: 'l.sold_at DESC, l.sale_id DESC',
  };
}

function visitsSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [dayRange(p, scope, 'v.day'), inStores(p, scope, 'v.store_id')];
  equalTo(where, p, 'v.day', r.day, '::date');
  equalTo(where, p, 'v.store_id', r.storeId);
  return {
    columns: [
      c('sessionId', 'text', 'v.session_id'),
      c('store', 'text', 'v.store_id'),
      c('day', 'date', 'v.day::text'),
      c(
        'garments',
        'int',
        '(SELECT count(*) FROM hq_garments g WHERE g.session_id = v.session_id)::int',
      ),
      c(
        'bought',
        'int',
        '(SELECT count(*) FROM hq_garments g WHERE g.session_id = v.session_id AND g.bought_via IS NOT NULL)::int',
      ),
    ],
    from: 'hq_visits v',
    where,
    orderBy: 'v.day DESC, v.session_id',
  };
}

/** Garments tried since the style last sold at that store, as the slow movers count them (all time). */
const SINCE_SALE = `g.first_at > coalesce((SELECT h.last_sold_at FROM hq_style_store h
  WHERE h.location_id = g.store_id AND h.style_id = g.style_id), '-infinity')`;

function garmentsSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [
    yes(r.sinceSale) ? SINCE_SALE : instantRange(p, scope, 'g.first_at'),
    inStores(p, scope, 'g.store_id'),
    productFilter(p, scope),
  ];
  equalTo(where, p, 'g.day', r.day, '::date');
  equalTo(where, p, 'g.store_id', r.storeId);
  equalTo(where, p, 'g.style_id', r.styleId);
  equalTo(where, p, 'g.sku', r.sku);
  equalTo(where, p, 'v.color_code', r.colorCode);
  equalTo(where, p, 'v.size', r.size);
  equalTo(where, p, 'g.reason', r.reason);
  const stage = r.stage ?? 'tried';
  if (stage === 'liked') where.push('(g.liked OR g.bought_via IS NOT NULL)');
  else if (stage === 'bought') where.push(`g.bought_via = ANY(${p.list(boughtVias(scope))})`);
  else if (stage === 'rejected') where.push('g.rejected');
  else if (stage === 'size-swap') where.push('g.size_swap');
  else if (stage !== 'tried') where.push(`g.bought_via = ${p.add(stage)}`);
  return {
    columns: [
      c('sessionId', 'text', 'g.session_id'),
      c('store', 'text', 'g.store_id'),
      c('triedAt', 'instant', iso('g.first_at')),
      c('sku', 'text', 'g.sku'),
      c('style', 'text', 'g.style_id'),
      c('colour', 'text', 'v.color_code'),
      c('size', 'text', 'v.size'),
      c('liked', 'bool', 'g.liked'),
      c('rejected', 'bool', 'g.rejected'),
      c('sizeSwap', 'bool', 'g.size_swap'),
      c('reason', 'text', 'g.reason'),
      c('boughtVia', 'text', 'g.bought_via'),
      c('boughtAt', 'instant', iso('g.bought_at')),
      c('member', 'bool', 'g.member_key IS NOT NULL'),
    ],
    from: 'hq_garments g JOIN variants v ON v.sku = g.sku JOIN products p ON p.style_id = v.style_id',
    where,
    orderBy: 'g.first_at DESC, g.session_id, g.sku',
  };
}

function sizeRequestsSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [
    dayRange(p, scope, 'q.day'),
    inStores(p, scope, 'q.store_id'),
    productFilter(p, scope),
  ];
  equalTo(where, p, 'q.day', r.day, '::date');
  equalTo(where, p, 'q.store_id', r.storeId);
  equalTo(where, p, 'v.style_id', r.styleId);
  equalTo(where, p, 'q.sku', r.sku);
  if (r.outOfStock) where.push(`q.out_of_stock = ${p.add(yes(r.outOfStock))}`);
  if (r.brought) where.push(`(s.status = 'done') = ${p.add(yes(r.brought))}`);
  return {
    columns: [
      c('requestId', 'text', 'q.request_id'),
      c('store', 'text', 'q.store_id'),
      c('requestedAt', 'instant', iso('s.created_at')),
      c('sku', 'text', 'q.sku'),
      c('size', 'text', 'v.size'),
      c('status', 'text', 's.status'),
      c('outOfStock', 'bool', 'q.out_of_stock'),
      c(
        'bringSeconds',
        'seconds',
        "CASE WHEN s.status = 'done' THEN hq_bring_seconds(s)::float8 END",
      ),
    ],
    from: `hq_size_requests q JOIN staff_requests s ON s.request_id = q.request_id
      JOIN variants v ON v.sku = q.sku JOIN products p ON p.style_id = v.style_id`,
    where,
    orderBy: 's.created_at DESC, q.request_id',
  };
}

function stockSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  // the locations whose stock serves the channels filtered, as the stock view counts it
  const where = [stockLocations(p, scope, 's.location_id'), productFilter(p, scope)];
  equalTo(where, p, 's.location_id', r.storeId);
  equalTo(where, p, 'v.style_id', r.styleId);
  equalTo(where, p, 's.sku', r.sku);
  return {
    columns: [
      c('location', 'text', 's.location_id'),
      c('sku', 'text', 's.sku'),
      c('style', 'text', 'v.style_id'),
      c('colour', 'text', 'v.color_code'),
      c('size', 'text', 'v.size'),
      c('onHand', 'int', 's.on_hand'),
    ],
    from: 'stock s JOIN variants v ON v.sku = s.sku JOIN products p ON p.style_id = v.style_id',
    where,
    orderBy: 's.location_id, s.sku',
  };
}

/** The members of a month's RFM snapshot or the month before's, with both segments, most valuable first. */
function rfmMembersSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [`x.month = ${p.add(monthOf(scope.to))}::date`, inStores(p, scope, 'x.home_store')];
  equalTo(where, p, 'x.segment', r.segment);
  equalTo(where, p, 'x.previous_segment', r.fromSegment);
  return {
    columns: [
      c('member', 'text', memberLabel('x.member_key')),
      c('homeStore', 'text', 'x.home_store'),
      c('segment', 'text', 'x.segment'),
      c('previousSegment', 'text', 'x.previous_segment'),
      c('r', 'int', 'x.r'),
      c('f', 'int', 'x.f'),
      c('m', 'int', 'x.m'),
      c('recencyDays', 'int', 'x.recency_days'),
      c('orders', 'int', 'x.frequency'),
      c('netCents', 'money', 'x.monetary_cents::float8'),
    ],
    from: 'hq_rfm_movement x',
    where,
    // the same expression as the index hq_rfm_movement_value, so a page stops after its rows
    orderBy: `x.monetary_cents DESC NULLS LAST, ${memberLabel('x.member_key')}`,
  };
}

/** One row per member and month: a cohort's active members, or a month's (repeat) buyers. */
function memberMonthsSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [inStores(p, scope, 'home_store')];
  equalTo(where, p, 'join_month', r.joinMonth, '::date');
  if (r.month) where.push(`month = ${p.add(r.month)}::date`);
  else
    where.push(
      `month BETWEEN ${p.add(monthOf(scope.from))}::date AND ${p.add(monthOf(scope.to))}::date`,
    );
  if (yes(r.repeaters)) where.push('orders >= 2');
  return {
    columns: [
      c('member', 'text', memberLabel('member_key')),
      c('month', 'date', 'month::text'),
      c('homeStore', 'text', 'home_store'),
      c('joinMonth', 'date', 'join_month::text'),
      c('orders', 'int', 'orders'),
      c('units', 'int', 'units'),
      c('netCents', 'money', 'net_cents::float8'),
      c('lastOrderAt', 'instant', iso('last_at')),
    ],
    from: 'hq_member_month',
    where,
    orderBy: 'month DESC, net_cents DESC, member_key',
  };
}

function membersSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const where = [inStores(p, scope, "coalesce(home_store, '-')")];
  if (r.day) where.push(`joined_on = ${p.add(r.day)}`);
  else if (r.joinMonth) where.push(`hq_join_month(joined_on) = ${p.add(r.joinMonth)}::date`);
  else if (!r.tier && !r.consent)
    where.push(`joined_on BETWEEN ${p.add(scope.from)} AND ${p.add(scope.to)}`);
  if (r.tier || r.consent) where.push('NOT erased');
  equalTo(where, p, 'tier', r.tier);
  if (r.consent) where.push(`consent_${r.consent}`);
  return {
    columns: [
      c('member', 'text', "CASE WHEN erased THEN 'erased' ELSE member_id END"),
      c('homeStore', 'text', 'home_store'),
      c('tier', 'text', 'CASE WHEN NOT erased THEN tier END'),
      c('joinedOn', 'date', 'joined_on'),
      c('consentProfile', 'bool', 'consent_profile'),
      c('consentMarketing', 'bool', 'consent_marketing'),
      c('consentPhoto', 'bool', 'consent_photo'),
    ],
    from: 'members',
    where,
    orderBy: 'joined_on DESC NULLS LAST, member_id',
  };
}

/** The score bands the NPS rollup counts (promoters − detractors over answers). */
const NPS_BANDS = {
  promoter: 'n.score >= 9',
  passive: 'n.score BETWEEN 7 AND 8',
  detractor: 'n.score <= 6',
} as const;

function npsSpec(p: Params, scope: Scope, r: RowsParams): RowsSpec {
  const week = "date_trunc('week', n.created_at AT TIME ZONE 'Asia/Shanghai')::date";
  const where = [inStores(p, scope, 'd.store_id')];
  if (r.week) where.push(`${week} = ${p.add(r.week)}::date`);
  else where.push(`${week} BETWEEN ${p.add(scope.from)}::date - 6 AND ${p.add(scope.to)}::date`);
  equalTo(where, p, 'd.store_id', r.storeId);
  if (r.band) where.push(NPS_BANDS[r.band]);
  return {
    columns: [
      c('answeredAt', 'instant', iso('n.created_at')),
      c('store', 'text', 'd.store_id'),
      c('score', 'int', 'n.score'),
      c('comment', 'text', 'n.comment'),
    ],
    from: 'nps n JOIN devices d ON d.device_id = n.device_id',
    where,
    orderBy: 'n.created_at DESC, n.nps_id',
  };
}

const SPECS: Record<RowKind, (p: Params, scope: Scope, r: RowsParams, now: Date) => RowsSpec> = {
  sales: salesSpec,
  visits: visitsSpec,
  garments: garmentsSpec,
  'size-requests': sizeRequestsSpec,
  stock: stockSpec,
  'rfm-members': rfmMembersSpec,
  'member-months': memberMonthsSpec,
  members: membersSpec,
  nps: npsSpec,
  kiosks: kiosksSpec,
};

const SUMMABLE: readonly ColumnType[] = ['int', 'money', 'seconds'];

/** Every matching row counted, and the `measure` column summed over them (not capped). */
async function aggregate(
  q: Queryable,
  spec: RowsSpec,
  body: string,
  values: Params['values'],
  measure: string,
): Promise<Result<NonNullable<RowsResponse['aggregate']>, 'bad-request'>> {
  const column = spec.columns.find((col) => col.key === measure);
  if (measure !== 'rows' && (!column || !SUMMABLE.includes(column.type)))
    return fail('bad-request', `${measure} is not a numeric column of these rows`);
  const { rows: found } = await q.query<{ n: number; s: number | null }>(
    `SELECT count(*)::int AS n, ${column ? 'coalesce(sum(m), 0)::float8' : 'NULL::float8'} AS s
     FROM (SELECT ${column ? column.sql : '1'} AS m ${body}) x`,
    values,
  );
  return ok({ rows: found[0]?.n ?? 0, sum: found[0]?.s ?? null });
}

export async function rows(
  q: Queryable,
  scope: Scope,
  kind: RowKind,
  r: RowsParams,
  page: { offset: number; limit: number },
  now: Date,
): Promise<Result<RowsResponse, 'bad-request'>> {
  const p = new Params();
  const spec = SPECS[kind](p, scope, r, now);
  const body = `FROM ${spec.from} WHERE ${spec.where.join(' AND ')}${spec.groupBy ? ` GROUP BY ${spec.groupBy}` : ''}${spec.having ? ` HAVING ${spec.having}` : ''}`;
  const select = spec.columns.map((col, i) => `${col.sql} AS c${i}`).join(', ');
  // one row past the page says whether more follow
  const { rows: fetched } = await q.query<Record<string, string | number | boolean | null>>(
    `SELECT ${select} ${body} ORDER BY ${spec.orderBy} LIMIT ${page.limit + 1} OFFSET ${page.offset}`,
    p.values,
  );
  const found = fetched.slice(0, page.limit);
  const n = knownCount(page, fetched.length) ?? (await countRows(q, body, p.values));
  const measured = r.measure ? await aggregate(q, spec, body, p.values, r.measure) : null;
  if (measured && !measured.ok) return measured;
  return ok({
    kind,
    columns: spec.columns.map(({ key, type }) => ({ key, type })),
    rows: found.map((row) => spec.columns.map((_, i) => row[`c${i}`] ?? null)),
    total: Math.min(n, MAX_EXPORT_ROWS),
    capped: n > MAX_EXPORT_ROWS,
    offset: page.offset,
    ...(measured ? { aggregate: measured.value } : {}),
  });
}
