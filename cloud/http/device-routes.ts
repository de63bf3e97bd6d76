/**
 * Routes a kiosk calls: enroll, rotate, push, pull, staff tasks (member look-up: member-routes.ts).
 * Requests are validated and typed by the zod schemas of sync/protocol through
 * fastify-type-provider-zod; the same schemas make the OpenAPI at /docs.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEFAULT_PULL_LIMIT,
  EnrollRequestSchema,
  EnrollResponseSchema,
  ErrorBodySchema,
  OpenStaffTasksSchema,
  PullPageWireSchema,
  PullQuerySchema,
  PushRequestSchema,
  PushResponseSchema,
  RotateTokenResponseSchema,
  StreamNameSchema,
} from '../../sync/protocol';
import { enroll, rotateToken } from '../auth/enrollment';
import { processPush } from '../push/process-push';
import { servePage } from '../streams/serve-page';
import { deviceOf, requireDevice, type AppContext } from './context';
import { sendError, sendFailure, sendRateLimited, validationMessage } from './errors';
import { hit, refund } from './rate-limit';

const bearer = [{ bearer: [] }];

export const deviceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const device = requireDevice(ctx);

  app.post(
    '/v1/enroll',
    {
      schema: {
        summary: 'Enroll a kiosk with a one-time code (failed attempts are limited per address)',
        tags: ['auth'],
        body: EnrollRequestSchema,
        response: { 200: EnrollResponseSchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const now = ctx.now();
      const limit = ctx.limits.enrollFailures;
      // Counted before the code is tried (one atomic increment): attempts fired at once each take
      // a slot, so no more than the limit are tried; a right code gives its slot back.
      const counted = await hit(ctx.db, req.ip, [limit], now);
      if (!counted.allowed)
        return sendRateLimited(reply, counted.retryAfterS, 'failed enrollments');
      const r = await enroll(
        ctx.db,
        req.body.code,
        req.body.deviceName,
        req.body.role ?? null,
        now,
      );
      if (r.ok) {
        await refund(ctx.db, req.ip, limit, now);
        return r.value;
      }
      return sendFailure(reply, r.error);
    },
  );

  app.post(
    '/v1/token/rotate',
    {
      preValidation: device,
      schema: {
        summary: 'Issue a new device token; the old one lives on for a grace period',
        tags: ['auth'],
        security: bearer,
        response: { 200: RotateTokenResponseSchema, 401: ErrorBodySchema },
      },
    },
    async (req) => rotateToken(ctx.db, deviceOf(req), ctx.now()),
  );

  app.post(
    '/v1/push',
    {
      preValidation: device,
      schema: {
        summary: 'Push a contiguous batch of outbox mutations',
        tags: ['sync'],
        security: bearer,
        body: PushRequestSchema,
        response: {
          200: PushResponseSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          409: ErrorBodySchema,
          413: ErrorBodySchema,
        },
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    async (req, reply) => {
      const r = await processPush(ctx.db, deviceOf(req), req.body, {
        now: ctx.now,
        maxClockSkewMs: ctx.maxClockSkewMs,
        presenceSecret: ctx.presenceSecret,
        maxTransactionMs: ctx.pushTransactionMs,
        groups: ctx.pushGroups,
      });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.get(
    '/v1/pull/:stream',
    {
      preValidation: device,
      // An unknown stream is `unknown-stream` (404), not a generic bad request: checked below.
      attachValidation: true,
      // The schema documents the page; checking 2,000 rows again on the way out would cost ~25 ms
      // a page (a third of serving it) for rows the database produced and the checksum covers.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        summary: 'One page of a stream after a cursor (no cursor: snapshot)',
        tags: ['sync'],
        security: bearer,
        params: z.object({ stream: StreamNameSchema }),
        querystring: PullQuerySchema,
        response: { 200: PullPageWireSchema, 401: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const invalid = req.validationError;
      if (invalid?.validationContext === 'params')
        return sendError(reply, 'unknown-stream', 'unknown stream');
      if (invalid) return sendError(reply, 'bad-request', validationMessage(invalid));
      return servePage(ctx.db, {
        stream: req.params.stream,
        storeId: deviceOf(req).storeId,
        cursor: req.query.cursor,
        limit: req.query.limit ?? DEFAULT_PULL_LIMIT,
      });
    },
  );

  app.get(
    '/v1/staff-tasks',
    {
      preValidation: device,
      schema: {
        summary: "Open staff tasks of the device's store",
        tags: ['members'],
        security: bearer,
        response: { 200: OpenStaffTasksSchema, 401: ErrorBodySchema },
      },
    },
    async (req) => {
      const { rows } = await ctx.db.query<{
        id: string;
        kind: string;
        message: string;
        ref: string | null;
        device_id: string | null;
        created_at: Date | string;
      }>(
        `SELECT id::text AS id, kind, message, ref, device_id, created_at FROM staff_tasks
         WHERE store_id = $1 AND status = 'open' ORDER BY id LIMIT 200`,
        [deviceOf(req).storeId],
      );
      return {
        tasks: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          message: r.message,
          ref: r.ref,
          deviceId: r.device_id,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );
};
