/** `GET /v1/pull/{stream}/bulk`: big NDJSON pages of a stream for a first sync (serve-bulk.ts). */
import type { FastifyInstance } from 'fastify';
import {
  BULK_PULL_CONTENT_TYPE,
  BulkPullQuerySchema,
  DEFAULT_BULK_PULL_LIMIT,
  StreamNameSchema,
} from '../../sync/protocol';
import { bulkPageText, serveBulkPage } from '../streams/serve-bulk';
import { authDevice, type AppContext } from './context';
import { sendError } from './errors';

export function registerBulkPullRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/v1/pull/:stream/bulk',
    {
      schema: {
        summary: 'Big NDJSON pages of a stream (header line, then [key, data] lines)',
        tags: ['sync'],
        security: [{ bearer: [] }],
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const params: { stream?: unknown } = req.params ?? {};
      const stream = StreamNameSchema.safeParse(params.stream);
      if (!stream.success) return sendError(reply, 'unknown-stream', 'unknown stream');
      const q = BulkPullQuerySchema.safeParse(req.query);
      if (!q.success) return sendError(reply, 'bad-request', q.error.issues[0]?.message ?? '');
      const page = await serveBulkPage(ctx.db, {
        stream: stream.data,
        storeId: dev.value.storeId,
        cursor: q.data.cursor,
        limit: q.data.limit ?? DEFAULT_BULK_PULL_LIMIT,
      });
      return reply.type(BULK_PULL_CONTENT_TYPE).send(bulkPageText(page));
    },
  );
}
