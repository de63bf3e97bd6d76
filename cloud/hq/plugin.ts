/**
 * The HQ console and its API, as one encapsulated Fastify plugin registered under /hq: it sets
 * its own zod validator and serializer (fastify-type-provider-zod), so every query, body and
 * answer is checked against the contract in cloud/hq-api, and its own error handler, cookie
 * parser, login rate limit and security headers, none of which leak to the kiosk routes.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Db } from '../db/db';
import { foldBeforeRead } from './rollups/fold';
import { registerAdminRoutes } from './http/admin-routes';
import { registerCampaignRoutes } from './http/campaign-routes';
import { registerConsoleFiles, SECURITY_HEADERS } from './http/console-files';
import type { HqContext } from './http/context';
import { hqError } from './http/errors';
import { registerSessionRoutes, type LoginLimit } from './http/session-routes';
import { registerViewRoutes } from './http/view-routes';

export interface HqOptions {
  /** The built console (dist/hq); null = API only (the console page says it is not built). */
  consoleDir?: string | null;
  /** Sign-in attempts per address and username; default 10 a minute. */
  loginLimit?: LoginLimit;
}

export interface HqPluginOptions extends HqOptions {
  db: Db;
  now: () => Date;
  adminToken: string;
}

export async function hqPlugin(app: FastifyInstance, opts: HqPluginOptions): Promise<void> {
  const ctx: HqContext = { db: opts.db, now: opts.now, adminToken: opts.adminToken };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });
  // the console shows every mutation committed before the request (rollups/fold.ts)
  app.addHook('preHandler', async (req) => {
    if (req.url.startsWith('/hq/api/')) await foldBeforeRead(opts.db);
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err) || err.validation)
      return hqError(reply, 'bad-request', err.message);
    if (err.statusCode === 429)
      return hqError(reply, 'rate-limited', 'too many attempts; wait a minute');
    if (err.statusCode !== undefined && err.statusCode < 500)
      return hqError(reply, 'bad-request', err.message);
    req.log.error({ err, mod: 'hq' }, 'HQ request failed');
    return hqError(reply, 'internal', 'internal error');
  });
  app.setNotFoundHandler((_req, reply) => hqError(reply, 'not-found', 'no such HQ route'));
  registerSessionRoutes(app, ctx, opts.loginLimit ?? { max: 10, timeWindowMs: 60_000 });
  registerViewRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerConsoleFiles(app, opts.consoleDir ?? null);
}
