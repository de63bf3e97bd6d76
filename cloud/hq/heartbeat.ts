/**
 * `POST /v1/heartbeat`: a kiosk reports its health after every sync run; the HQ fleet view reads
 * the latest report per device. Its own encapsulated plugin with the zod compilers, so the route
 * is validated and documented from sync/protocol's schema whatever the kiosk routes use.
 */
import type { FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  HeartbeatRequestSchema,
  HeartbeatResponseSchema,
} from '../../sync/protocol';
import { authenticate } from '../auth/enrollment';
import { bearerToken } from '../http/context';
import { sendError, sendFailure } from '../http/errors';
import type { Db } from '../db/db';

export interface HeartbeatOptions {
  db: Db;
  now: () => Date;
}

export async function heartbeatPlugin(app: FastifyInstance, opts: HeartbeatOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err: { validation?: unknown; message: string }, _req, reply) =>
    sendError(
      reply,
      err.validation ? 'bad-request' : 'internal',
      err.validation ? err.message : 'internal error',
    ),
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/heartbeat',
    {
      schema: {
        summary: "A kiosk's health after a sync run (HQ fleet view)",
        tags: ['sync'],
        security: [{ bearer: [] }],
        body: HeartbeatRequestSchema,
        response: {
          200: HeartbeatResponseSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const now = opts.now();
      const dev = await authenticate(opts.db, bearerToken(req), now);
      if (!dev.ok) return sendFailure(reply, dev.error);
      const h = req.body;
      if (h.deviceId !== dev.value.deviceId)
        return sendError(reply, 'forbidden', 'deviceId does not match the token');
      await opts.db.query(
        `INSERT INTO hq_kiosk_status (device_id, app_version, role, last_sync_at, outbox_depth, parked, oldest_pending_at,
           devices, errors_24h, last_error_kind, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
         ON CONFLICT (device_id) DO UPDATE SET app_version = EXCLUDED.app_version, role = EXCLUDED.role,
           last_sync_at = EXCLUDED.last_sync_at, outbox_depth = EXCLUDED.outbox_depth, parked = EXCLUDED.parked,
           oldest_pending_at = EXCLUDED.oldest_pending_at, devices = EXCLUDED.devices,
           errors_24h = EXCLUDED.errors_24h, last_error_kind = EXCLUDED.last_error_kind,
           reported_at = EXCLUDED.reported_at`,
        [
          h.deviceId,
          h.appVersion,
          h.role,
          h.lastSyncAt,
          h.outboxDepth,
          h.parked,
          h.oldestPendingAt,
          JSON.stringify(h.devices),
          h.errors24h,
          h.lastErrorKind,
          now.toISOString(),
        ],
      );
      return { ok: true as const, serverTime: now.toISOString() };
    },
  );
}
