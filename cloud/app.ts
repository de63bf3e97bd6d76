import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { PROTOCOL_VERSION } from '../sync/protocol';
import type { Db } from './db/db';
import { registerAdminRoutes } from './http/admin-routes';
import { registerBulkPullRoutes } from './http/bulk-pull-routes';
import type { AppContext } from './http/context';
import { registerDeviceRoutes } from './http/device-routes';
import { sendError } from './http/errors';

export interface CloudAppOptions {
  db: Db;
  /** Bearer token of the admin API (enrollment codes, revocation, stream reset). */
  adminToken: string;
  logger?: Logger;
  /** Clock; injectable so tests can expire codes and tokens. */
  now?: () => Date;
  /** Stamps further ahead than this are clamped to the server clock. Default 60 s. */
  maxClockSkewMs?: number;
}

/**
 * The member cloud HTTP API. Stateless: every bit of state is in `db`, so several instances may
 * serve one database. Request bodies are validated with the protocol's zod schemas in the handlers
 * (typed error bodies); the JSON schemas given to Fastify only document the API at /docs.
 */
export async function buildCloudApp(opts: CloudAppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify(
    opts.logger ? { loggerInstance: opts.logger as FastifyBaseLogger } : { logger: false },
  );
  const ctx: AppContext = {
    db: opts.db,
    adminToken: opts.adminToken,
    now: opts.now ?? (() => new Date()),
    maxClockSkewMs: opts.maxClockSkewMs ?? 60_000,
  };
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
    if (err.statusCode !== undefined && err.statusCode < 500)
      return sendError(reply, 'bad-request', err.message ?? 'bad request');
    req.log.error({ err }, 'request failed');
    return sendError(reply, 'internal', 'internal error');
  });
  app.setNotFoundHandler((_req, reply) => sendError(reply, 'not-found', 'no such route'));
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Seed Kiosk member cloud',
        version: String(PROTOCOL_VERSION),
        description: 'Sync protocol: see docs/sync-protocol.md',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get(
    '/health',
    { schema: { summary: 'Liveness and database check', tags: ['ops'] } },
    async () => {
      await opts.db.query('SELECT 1');
      return { ok: true, protocol: PROTOCOL_VERSION };
    },
  );
  registerDeviceRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerBulkPullRoutes(app, ctx);
  return app;
}
