/** `GET /v1/pull/{stream}/bulk`: big NDJSON pages of a stream for a first sync (serve-bulk.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BULK_PULL_CONTENT_TYPE,
  BulkPullQuerySchema,
  DEFAULT_BULK_PULL_LIMIT,
  StreamNameSchema,
} from '../../sync/protocol';
import { bulkPageText, serveBulkPage } from '../streams/serve-bulk';
import { deviceOf, requireDevice, type AppContext } from './context';
import { sendError, validationMessage } from './errors';

export const bulkPullRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/pull/:stream/bulk',
    {
      preValidation: requireDevice(ctx),
      // An unknown stream is `unknown-stream` (404), as on the plain pull: checked below.
      attachValidation: true,
      schema: {
        summary: 'Big NDJSON pages of a stream (header line, then [key, data] lines)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        params: z.object({ stream: StreamNameSchema }),
        querystring: BulkPullQuerySchema,
      },
    },
    async (req, reply) => {
      const invalid = req.validationError;
      if (invalid?.validationContext === 'params')
        return sendError(reply, 'unknown-stream', 'unknown stream');
      if (invalid) return sendError(reply, 'bad-request', validationMessage(invalid));
      const page = await serveBulkPage(ctx.db, {
        stream: req.params.stream,
        storeId: deviceOf(req).storeId,
        cursor: req.query.cursor,
        limit: req.query.limit ?? DEFAULT_BULK_PULL_LIMIT,
      });
      return reply.type(BULK_PULL_CONTENT_TYPE).send(bulkPageText(page));
    },
  );
};
