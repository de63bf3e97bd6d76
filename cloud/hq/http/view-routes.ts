/**
 * The six views and the drill-down rows. Each route: a session, the role may open the view, the
 * scope resolved from the filters (a store manager's other stores refused), then one query module.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  HqErrorBodySchema,
  MAX_EXPORT_ROWS,
  RowsCsvRoute,
  RowsRoute,
  toCsv,
  ViewRoutes,
  yuan,
  type HqFilters,
  type HqView,
  type RowKind,
} from '../../hq-api';
import { fittingRoom } from '../queries/fitting-room';
import { fleet } from '../queries/fleet';
import { members } from '../queries/members';
import { overview } from '../queries/overview';
import { reasons } from '../queries/reasons';
import { rows } from '../queries/rows';
import { stock } from '../queries/stock';
import { ensureRfmSnapshot, monthOf } from '../rollups/rfm-snapshots';
import { mayOpen, mayReadRows, resolveScope, type Scope } from '../scope';
import { brandToday, type HqContext } from './context';
import { hqError } from './errors';
import { requireSession, sessionOf } from './session-routes';

const errors = {
  400: HqErrorBodySchema,
  401: HqErrorBodySchema,
  403: HqErrorBodySchema,
};

/** A view route as the helper sees it; the serializer still checks each answer against `response`. */
interface ViewRoute {
  path: string;
  view: HqView;
  summary: string;
  query: z.ZodType<HqFilters & { slowDays?: number }>;
  response: z.ZodType;
}

export function registerViewRoutes(app: FastifyInstance, ctx: HqContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = requireSession(ctx);

  function view(
    route: ViewRoute,
    run: (scope: Scope, query: HqFilters & { slowDays?: number }) => Promise<unknown>,
  ): void {
    r.get(
      `/api${route.path}`,
      {
        schema: {
          summary: route.summary,
          tags: ['hq'],
          security: [{ hqSession: [] }],
          querystring: route.query,
          response: { 200: route.response, ...errors },
        },
        preHandler: guard,
      },
      async (req, reply) => {
        const { user } = sessionOf(req);
        if (!mayOpen(user, route.view))
          return hqError(reply, 'forbidden', `${user.role} may not open ${route.view}`);
        const scope = await resolveScope(ctx.db, user, req.query);
        if (!scope.ok) return hqError(reply, 'forbidden', scope.error.message);
        return run(scope.value, req.query);
      },
    );
  }

  view(ViewRoutes.overview, (scope) => overview(ctx.db, scope));
  view(ViewRoutes.fittingRoom, (scope) => fittingRoom(ctx.db, scope));
  view(ViewRoutes.reasons, (scope) => reasons(ctx.db, scope));
  view(ViewRoutes.stock, (scope, q) => stock(ctx.db, scope, q.slowDays ?? 28));
  view(ViewRoutes.members, (scope) => members(ctx.db, scope, brandToday(ctx.now())));
  view(ViewRoutes.fleet, (scope) => fleet(ctx.db, scope, ctx.now()));

  /** The rows of a number in scope: one page, or all of them (up to the export limit). */
  async function scopedRows(
    req: FastifyRequest,
    query: z.output<typeof RowsRoute.query>,
    kind: RowKind,
    reply: FastifyReply,
    page: { offset: number; limit: number } | null,
  ) {
    const { user } = sessionOf(req);
    if (!mayReadRows(user, kind))
      return hqError(reply, 'forbidden', `${user.role} may not read ${kind}`);
    const scope = await resolveScope(ctx.db, user, query);
    if (!scope.ok) return hqError(reply, 'forbidden', scope.error.message);
    if (kind === 'rfm-members')
      await ensureRfmSnapshot(ctx.db, monthOf(scope.value.to), brandToday(ctx.now()));
    const found = await rows(
      ctx.db,
      scope.value,
      kind,
      query,
      page ?? { offset: 0, limit: MAX_EXPORT_ROWS },
      ctx.now(),
    );
    return found.ok ? found.value : hqError(reply, found.error.code, found.error.message);
  }
  const rowsSchema = (summary: string, response: z.ZodType) => ({
    summary,
    tags: ['hq'],
    security: [{ hqSession: [] }],
    params: RowsRoute.params,
    querystring: RowsRoute.query,
    response: { 200: response, ...errors },
  });

  r.get(
    `/api${RowsRoute.path}`,
    {
      schema: rowsSchema('The rows a number counts, one page at a time', RowsRoute.response),
      preHandler: guard,
    },
    async (req, reply) =>
      scopedRows(req, req.query, req.params.kind, reply, {
        offset: req.query.offset,
        limit: req.query.limit,
      }),
  );
  r.get(
    `/api${RowsCsvRoute.path}`,
    {
      schema: rowsSchema('The rows a number counts as CSV (up to 10,000)', RowsCsvRoute.response),
      preHandler: guard,
    },
    async (req, reply) => {
      const found = await scopedRows(req, req.query, req.params.kind, reply, null);
      if (!('columns' in found)) return found;
      const header = found.columns.map((c) =>
        c.type === 'money' ? c.key.replace(/Cents$/, 'Yuan') : c.key,
      );
      const body = found.rows.map((row) =>
        row.map((v, i) =>
          found.columns[i]?.type === 'money' && typeof v === 'number' ? yuan(v) : v,
        ),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${found.kind}-${req.query.from}-${req.query.to}.csv"`,
        )
        .serializer((payload: unknown) => String(payload))
        .send(toCsv(header, body));
    },
  );
}
