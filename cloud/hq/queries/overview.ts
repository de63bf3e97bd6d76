/**
 * Overview, from the sales cube (category × season cells, so an order counts once per cell), the
 * hour-of-day rollup and the new-members counter. No style here; the hour chart counts whole
 * orders whatever the category or season (the console says so beside it).
 */
import {
  IGNORED_FILTERS,
  type HqChannel,
  type OverviewResponse,
  type SalesSums,
} from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import { dayRange, inLocations, inStores, Params, total } from './sql';

interface CubeRow extends SalesSums {
  day: string | null;
  hour: number | null;
  channel: HqChannel;
}

const SUMS = `${total('net_cents')} AS "netCents", ${total('orders')} AS orders, ${total('units')} AS units,
  ${total('member_net_cents')} AS "memberNetCents", ${total('member_orders')} AS "memberOrders"`;

export async function overview(q: Queryable, scope: Scope): Promise<OverviewResponse> {
  const p = new Params();
  // every location: the brand-wide tables; some: the per-location ones
  const brand = scope.locations === null;
  const { rows: days } = await q.query<CubeRow>(
    `SELECT day::text AS day, NULL::int AS hour, channel, ${SUMS}
     FROM ${brand ? 'hq_sales_cube_all' : 'hq_sales_cube'}
     WHERE category = ${p.add(scope.category ?? '*')} AND season = ${p.add(scope.season ?? '*')}
       AND ${dayRange(p, scope)} AND ${inLocations(p, scope, 'location_id')}
       AND channel = ANY(${p.list(scope.channels)})
     GROUP BY day, channel ORDER BY day, channel`,
    p.values,
  );
  const h = new Params();
  const { rows: hours } = await q.query<CubeRow>(
    `SELECT NULL AS day, hour::int AS hour, channel, ${SUMS}
     FROM ${brand ? 'hq_sales_hour_all' : 'hq_sales_hour'}
     WHERE ${dayRange(h, scope)} AND ${inLocations(h, scope, 'location_id')} AND channel = ANY(${h.list(scope.channels)})
     GROUP BY hour, channel ORDER BY hour, channel`,
    h.values,
  );
  const rows = [...days, ...hours];
  const sums = (r: CubeRow): SalesSums => ({
    netCents: r.netCents,
    orders: r.orders,
    units: r.units,
    memberNetCents: r.memberNetCents,
    memberOrders: r.memberOrders,
  });
  const byDay = rows.flatMap((r) =>
    r.day ? [{ day: r.day, channel: r.channel, ...sums(r) }] : [],
  );
  const byHour = rows.flatMap((r) =>
    r.hour !== null ? [{ hour: r.hour, channel: r.channel, ...sums(r) }] : [],
  );
  const byChannel = scope.channels.map((channel) => {
    const mine = byDay.filter((r) => r.channel === channel);
    const add = (k: keyof SalesSums) => mine.reduce((n, r) => n + r[k], 0);
    return {
      channel,
      netCents: add('netCents'),
      orders: add('orders'),
      units: add('units'),
      memberNetCents: add('memberNetCents'),
      memberOrders: add('memberOrders'),
    };
  });
  const m = new Params();
  const { rows: members } = await q.query<{ day: string; members: number }>(
    `SELECT day::text AS day, ${total('members')} AS members FROM hq_new_members_day
     WHERE ${dayRange(m, scope)} AND ${inStores(m, scope, 'home_store')} GROUP BY day ORDER BY day`,
    m.values,
  );
  return {
    filters: applied(scope, IGNORED_FILTERS['overview']),
    byChannel,
    byDay,
    byHour,
    newMembers: { total: members.reduce((n, r) => n + r.members, 0), byDay: members },
  };
}
