/**
 * Every HQ API route once: path (under HQ_API_PREFIX), the view it belongs to, its query and its
 * answer. The server registers exactly these; the console calls them by name.
 */
import { z } from 'zod';
import { LoginRequestSchema, LogoutResponseSchema, SessionResponseSchema } from './auth';
import type { HqView } from './common';
import { HqFiltersShape, HqFiltersQuerySchema, withRange } from './filters';
import { FittingRoomResponseSchema } from './fitting-room';
import { FleetResponseSchema } from './fleet';
import { MembersResponseSchema } from './members';
import { MetaResponseSchema } from './meta';
import { OverviewResponseSchema } from './overview';
import { ReasonsResponseSchema } from './reasons';
import { ROW_KINDS, RowsParamsSchema, RowsResponseSchema } from './rows';
import { StockQuerySchema, StockResponseSchema } from './stock';

export const HQ_API_PREFIX = '/hq/api';

export const SessionRoutes = {
  login: {
    method: 'POST',
    path: '/session',
    body: LoginRequestSchema,
    response: SessionResponseSchema,
  },
  current: { method: 'GET', path: '/session', response: SessionResponseSchema },
  logout: { method: 'DELETE', path: '/session', response: LogoutResponseSchema },
  meta: { method: 'GET', path: '/meta', response: MetaResponseSchema },
} as const;

/** The read routes of the six views, each answering for the filters in its query. */
export const ViewRoutes = {
  overview: {
    path: '/overview',
    view: 'overview',
    summary: 'Sales, orders, AOV, UPT, members’ share, new members by day and hour per channel',
    query: HqFiltersQuerySchema,
    response: OverviewResponseSchema,
  },
  fittingRoom: {
    path: '/fitting-room',
    view: 'fitting-room',
    summary: 'Tried → liked → bought (visit basket or same member within 7 days, any channel)',
    query: HqFiltersQuerySchema,
    response: FittingRoomResponseSchema,
  },
  reasons: {
    path: '/reasons',
    view: 'reasons',
    summary: '“Not for me” reasons per style and store, with each style’s fit signal',
    query: HqFiltersQuerySchema,
    response: ReasonsResponseSchema,
  },
  stock: {
    path: '/stock',
    view: 'stock',
    summary: 'Sell-through, weeks of cover, slow movers, sizes asked for but out of stock',
    query: withRange(HqFiltersShape.extend(StockQuerySchema.shape)),
    response: StockResponseSchema,
  },
  members: {
    path: '/members',
    view: 'members',
    summary: 'RFM segments and movement, repeat purchase, cohorts, tiers and consent, NPS',
    query: HqFiltersQuerySchema,
    response: MembersResponseSchema,
  },
  fleet: {
    path: '/fleet',
    view: 'fleet',
    summary: 'Every kiosk’s last heartbeat, stale kiosks flagged',
    query: HqFiltersQuerySchema,
    response: FleetResponseSchema,
  },
} as const satisfies Record<
  string,
  { path: string; view: HqView; summary: string; query: z.ZodType; response: z.ZodType }
>;
export type ViewRouteName = keyof typeof ViewRoutes;

export const RowsRoute = {
  path: '/rows/:kind',
  params: z.object({ kind: z.enum(ROW_KINDS) }),
  query: withRange(HqFiltersShape.extend(RowsParamsSchema.shape)),
  response: RowsResponseSchema,
} as const;

/** The same rows as CSV (up to MAX_EXPORT_ROWS), for spreadsheets. */
export const RowsCsvRoute = {
  ...RowsRoute,
  path: '/rows/:kind/csv',
  response: z.string(),
} as const;
