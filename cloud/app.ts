import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Logger } from 'pino';
import { PROTOCOL_VERSION } from '../sync/protocol';
import { loadPresenceSecret } from './auth/presence';
import type { Db } from './db/db';
import { adminRoutes } from './http/admin-routes';
import { bulkPullRoutes } from './http/bulk-pull-routes';
import { DEFAULT_LIMITS, type AppContext, type CloudLimits } from './http/context';
import { deviceRoutes } from './http/device-routes';
import { handleError, sendError } from './http/errors';
import { logSerializers } from './http/log-redaction';
import { lookRoutes } from './http/look-routes';
import { onlineRoutes } from './http/online-routes';
import { mediaRoutes } from './http/media-routes';
import { memberRoutes } from './http/member-routes';
import { heartbeatPlugin } from './hq/heartbeat';
import { hqPlugin, type HqOptions } from './hq/plugin';
import { startHqFolder, type HqFolderOptions } from './hq/rollups/fold';

export interface CloudAppOptions {
  db: Db;
  /** Bearer token of the admin API (enrollment codes, revocation, stream reset). */
  adminToken: string;
  logger?: Logger;
  /** Clock; injectable so tests can expire codes and tokens. */
  now?: () => Date;
  /** Stamps further ahead than this are clamped to the server clock. Default 60 s. */
  maxClockSkewMs?: number;
  /** HMAC key of presence tickets; default one kept in the database (cloud/auth/presence.ts). */
  presenceSecret?: string;
  /** Rate limits; default DEFAULT_LIMITS. */
  limits?: Partial<CloudLimits>;
  /** Trust X-Forwarded-For from this proxy (Fastify's `trustProxy`), for per-address limits. */
  trustProxy?: boolean | string;
  /** A push's transaction ends after this long (cloud/push/process-push.ts); default by database. */
  pushTransactionMs?: number;
  /** Apply a push's try-ons, earns, preferences and sales in groups (default; push/deferred.ts). */
  pushGroups?: boolean;
  /** The HQ console (/hq/) and its API (/hq/api/): where the built console is, login limit. */
  hq?: HqOptions;
  /** Folds the HQ rollups after pushes commit (hq/rollups/fold.ts); false = only before HQ reads. */
  hqFolder?: HqFolderOptions | false;
}

/**
 * The member cloud HTTP API. Stateless: every bit of state is in `db` (rate-limit counters and the
 * presence secret included), so several instances may serve one database. Routes declare zod
 * schemas (fastify-type-provider-zod): requests are validated and typed once, the OpenAPI at /docs
 * comes from the same schemas, and every error keeps the protocol's body (http/errors.ts).
 *
 * The compilers are set here, on the root: every plugin inherits them; a plugin that sets them
 * itself (the HQ API) gets the same ones, and its errors reach the same handler.
 */
const sqlStateOf = (err: unknown) =>
  typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;

export async function buildCloudApp(opts: CloudAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Our serializers win over Fastify's defaults (which log whole URLs): http/log-redaction.ts.
    ...(opts.logger
      ? {
          loggerInstance: opts.logger.child(
            {},
            { serializers: logSerializers },
          ) as FastifyBaseLogger,
        }
      : { logger: false as const }),
    ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  const ctx: AppContext = {
    db: opts.db,
    adminToken: opts.adminToken,
    now: opts.now ?? (() => new Date()),
    maxClockSkewMs: opts.maxClockSkewMs ?? 60_000,
    presenceSecret: await loadPresenceSecret(opts.db, opts.presenceSecret),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    pushTransactionMs: opts.pushTransactionMs,
    pushGroups: opts.pushGroups,
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_req, reply) => sendError(reply, 'not-found', 'no such route'));
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Seed Kiosk member cloud',
        version: String(PROTOCOL_VERSION),
        description: 'Sync protocol: see docs/sync-protocol.md',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          hqSession: { type: 'apiKey', in: 'cookie', name: 'hq_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and database check',
        tags: ['ops'],
        response: { 200: z.object({ ok: z.literal(true), protocol: z.number().int() }) },
      },
    },
    async () => {
      await opts.db.query('SELECT 1');
      return { ok: true as const, protocol: PROTOCOL_VERSION };
    },
  );
  await app.register(deviceRoutes, { ctx });
  await app.register(memberRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(mediaRoutes, { ctx });
  await app.register(lookRoutes, { ctx });
  await app.register(onlineRoutes, { ctx });
  await app.register(bulkPullRoutes, { ctx });
  await app.register(heartbeatPlugin, { db: opts.db, now: ctx.now });
  await app.register(hqPlugin, {
    prefix: '/hq',
    db: opts.db,
    now: ctx.now,
    adminToken: opts.adminToken,
    ...opts.hq,
  });
  if (opts.hqFolder !== false) {
    const folder = startHqFolder(opts.db, {
      // code and message only: a database error's detail may quote a row's values
      onError: (err) =>
        app.log.warn(
          { mod: 'hq', code: sqlStateOf(err), reason: String(err) },
          'HQ rollup fold failed; retrying',
        ),
      ...opts.hqFolder,
    });
    app.addHook('onClose', () => folder.stop());
  }
  return app;
}
