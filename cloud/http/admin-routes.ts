import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEnrollmentCodeRequestSchema,
  CreateEnrollmentCodeResponseSchema,
  ErrorBodySchema,
  RevokeDeviceResponseSchema,
  StreamNameSchema,
  text,
} from '../../sync/protocol';
import { DEFAULT_CODE_TTL_S, createEnrollmentCode, revokeDevice } from '../auth/enrollment';
import { sha256Hex } from '../auth/secrets';
import { resetStream } from '../streams/serve-page';
import { bearerToken, type AppContext } from './context';
import { sendError, sendFailure } from './errors';

const bearer = [{ bearer: [] }];

const StaffTaskListSchema = z.object({
  tasks: z.array(
    z.object({
      id: z.string(),
      storeId: z.string(),
      deviceId: z.string().nullable(),
      kind: z.string(),
      message: z.string(),
      ref: z.string().nullable(),
      status: z.string(),
    }),
  ),
});

function isAdmin(ctx: AppContext, req: FastifyRequest): boolean {
  const given = bearerToken(req);
  // compare digests so the comparison is constant-time whatever the lengths
  return (
    given !== undefined &&
    timingSafeEqual(
      Buffer.from(sha256Hex(given), 'hex'),
      Buffer.from(sha256Hex(ctx.adminToken), 'hex'),
    )
  );
}

/** Supervisor/admin operations, guarded by the admin token (checked before the body). */
export const adminRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const admin = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
  };

  app.post(
    '/admin/enrollment-codes',
    {
      preValidation: admin,
      schema: {
        summary: 'Create a one-time enrollment code for a store',
        tags: ['admin'],
        security: bearer,
        body: CreateEnrollmentCodeRequestSchema,
        response: {
          200: CreateEnrollmentCodeResponseSchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const r = await createEnrollmentCode(
        ctx.db,
        req.body.storeId,
        req.body.ttlSeconds ?? DEFAULT_CODE_TTL_S,
        ctx.now(),
      );
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/admin/devices/:deviceId/revoke',
    {
      preValidation: admin,
      schema: {
        summary: 'Revoke a device: every token of it is refused from now on',
        tags: ['admin'],
        security: bearer,
        params: z.object({ deviceId: text(1, 200) }),
        response: { 200: RevokeDeviceResponseSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const r = await revokeDevice(ctx.db, req.params.deviceId, ctx.now());
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );

  app.post(
    '/admin/streams/:stream/refetch',
    {
      preValidation: admin,
      // An unknown stream is `unknown-stream` (404), not a generic bad request.
      attachValidation: true,
      schema: {
        summary: 'Make every device refetch a stream from a snapshot (must-refetch)',
        tags: ['admin'],
        security: bearer,
        params: z.object({ stream: StreamNameSchema }),
        response: {
          200: z.object({ stream: StreamNameSchema, epoch: z.number().int() }),
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      if (req.validationError) return sendError(reply, 'unknown-stream', 'unknown stream');
      return { stream: req.params.stream, epoch: await resetStream(ctx.db, req.params.stream) };
    },
  );

  app.get(
    '/admin/staff-tasks',
    {
      preValidation: admin,
      schema: {
        summary: 'Staff tasks (open first)',
        tags: ['admin'],
        security: bearer,
        response: { 200: StaffTaskListSchema, 403: ErrorBodySchema },
      },
    },
    async () => {
      const { rows } = await ctx.db.query<z.infer<typeof StaffTaskListSchema>['tasks'][number]>(
        `SELECT id::text AS id, store_id AS "storeId", device_id AS "deviceId", kind, message, ref, status
         FROM staff_tasks ORDER BY status = 'open' DESC, id DESC LIMIT 500`,
      );
      return { tasks: rows };
    },
  );
};
