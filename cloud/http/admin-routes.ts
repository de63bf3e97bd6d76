import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CreateEnrollmentCodeRequestSchema,
  CreateEnrollmentCodeResponseSchema,
  StreamNameSchema,
} from '../../sync/protocol';
import { DEFAULT_CODE_TTL_S, createEnrollmentCode, revokeDevice } from '../auth/enrollment';
import { sha256Hex } from '../auth/secrets';
import { resetStream } from '../streams/serve-page';
import { bearerToken, type AppContext } from './context';
import { sendError } from './errors';
import { bearer, doc, errorDoc } from './schema';

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

/** Supervisor/admin operations, guarded by the admin token. */
export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/admin/enrollment-codes',
    {
      schema: {
        summary: 'Create a one-time enrollment code for a store',
        tags: ['admin'],
        security: bearer,
        body: doc(CreateEnrollmentCodeRequestSchema),
        response: { 200: doc(CreateEnrollmentCodeResponseSchema), 403: errorDoc, 404: errorDoc },
      },
    },
    async (req, reply) => {
      if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
      const body = CreateEnrollmentCodeRequestSchema.safeParse(req.body);
      if (!body.success)
        return sendError(reply, 'bad-request', body.error.issues.map((i) => i.message).join('; '));
      const r = await createEnrollmentCode(
        ctx.db,
        body.data.storeId,
        body.data.ttlSeconds ?? DEFAULT_CODE_TTL_S,
        ctx.now(),
      );
      return r.ok ? r.value : sendError(reply, r.code, r.message);
    },
  );

  app.post(
    '/admin/devices/:deviceId/revoke',
    {
      schema: {
        summary: 'Revoke a device: every token of it is refused from now on',
        tags: ['admin'],
        security: bearer,
        params: doc(z.object({ deviceId: z.string() })),
        response: { 403: errorDoc, 404: errorDoc },
      },
    },
    async (req, reply) => {
      if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
      const r = await revokeDevice(
        ctx.db,
        (req.params as { deviceId: string }).deviceId,
        ctx.now(),
      );
      return r.ok ? r.value : sendError(reply, r.code, r.message);
    },
  );

  app.post(
    '/admin/streams/:stream/refetch',
    {
      schema: {
        summary: 'Make every device refetch a stream from a snapshot (must-refetch)',
        tags: ['admin'],
        security: bearer,
        params: doc(z.object({ stream: StreamNameSchema })),
        response: { 403: errorDoc, 404: errorDoc },
      },
    },
    async (req, reply) => {
      if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
      const stream = StreamNameSchema.safeParse((req.params as { stream?: string }).stream);
      if (!stream.success) return sendError(reply, 'unknown-stream', 'unknown stream');
      return { stream: stream.data, epoch: await resetStream(ctx.db, stream.data) };
    },
  );

  app.get(
    '/admin/staff-tasks',
    {
      schema: { summary: 'Staff tasks (open first)', tags: ['admin'], security: bearer },
    },
    async (req, reply) => {
      if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
      const { rows } = await ctx.db.query(
        `SELECT id::text AS id, store_id AS "storeId", device_id AS "deviceId", kind, message, ref, status FROM staff_tasks
       ORDER BY status = 'open' DESC, id DESC LIMIT 500`,
      );
      return { tasks: rows };
    },
  );
}
