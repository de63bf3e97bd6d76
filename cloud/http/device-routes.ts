import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DEFAULT_PULL_LIMIT,
  EnrollRequestSchema,
  EnrollResponseSchema,
  MemberLookupQuerySchema,
  MemberLookupResponseSchema,
  PullPageSchema,
  PullQuerySchema,
  PushRequestSchema,
  PushResponseSchema,
  RotateTokenResponseSchema,
  StreamNameSchema,
  MemberSchema,
} from '../../sync/protocol';
import { enroll, rotateToken } from '../auth/enrollment';
import { processPush } from '../push/process-push';
import { PROJECTIONS } from '../streams/projections';
import { servePage } from '../streams/serve-page';
import { authDevice, type AppContext } from './context';
import { sendError } from './errors';
import { bearer, doc, errorDoc } from './schema';

const issues = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/** Routes a kiosk calls: enroll, rotate, push, pull, member lookup, staff tasks. */
export function registerDeviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/v1/enroll',
    {
      schema: {
        summary: 'Enroll a kiosk with a one-time code',
        tags: ['auth'],
        body: doc(EnrollRequestSchema),
        response: { 200: doc(EnrollResponseSchema), 401: errorDoc },
      },
    },
    async (req, reply) => {
      const body = EnrollRequestSchema.safeParse(req.body);
      if (!body.success) return sendError(reply, 'bad-request', issues(body.error));
      const r = await enroll(
        ctx.db,
        body.data.code,
        body.data.deviceName,
        body.data.role ?? null,
        ctx.now(),
      );
      return r.ok ? r.value : sendError(reply, r.code, r.message);
    },
  );

  app.post(
    '/v1/token/rotate',
    {
      schema: {
        summary: 'Issue a new device token; the old one lives on for a grace period',
        tags: ['auth'],
        security: bearer,
        response: { 200: doc(RotateTokenResponseSchema), 401: errorDoc },
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      return rotateToken(ctx.db, dev.value, ctx.now());
    },
  );

  app.post(
    '/v1/push',
    {
      schema: {
        summary: 'Push a contiguous batch of outbox mutations',
        tags: ['sync'],
        security: bearer,
        body: doc(PushRequestSchema),
        response: {
          200: doc(PushResponseSchema),
          400: errorDoc,
          401: errorDoc,
          409: errorDoc,
          413: errorDoc,
        },
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const body = PushRequestSchema.safeParse(req.body);
      if (!body.success) return sendError(reply, 'bad-request', issues(body.error));
      const r = await processPush(ctx.db, dev.value, body.data, {
        now: ctx.now,
        maxClockSkewMs: ctx.maxClockSkewMs,
      });
      return r.ok ? r.value : sendError(reply, r.code, r.message, r.details);
    },
  );

  app.get(
    '/v1/pull/:stream',
    {
      schema: {
        summary: 'One page of a stream after a cursor (no cursor: snapshot)',
        tags: ['sync'],
        security: bearer,
        params: doc(z.object({ stream: StreamNameSchema })),
        querystring: doc(PullQuerySchema),
        response: { 200: doc(PullPageSchema), 401: errorDoc, 404: errorDoc },
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const stream = StreamNameSchema.safeParse((req.params as { stream?: string }).stream);
      if (!stream.success) return sendError(reply, 'unknown-stream', 'unknown stream');
      const q = PullQuerySchema.safeParse(req.query);
      if (!q.success) return sendError(reply, 'bad-request', issues(q.error));
      return servePage(ctx.db, {
        stream: stream.data,
        storeId: dev.value.storeId,
        cursor: q.data.cursor,
        limit: q.data.limit ?? DEFAULT_PULL_LIMIT,
      });
    },
  );

  app.get(
    '/v1/members/lookup',
    {
      schema: {
        summary: 'Online lookup of a member the kiosk has not cached',
        tags: ['members'],
        security: bearer,
        querystring: doc(
          z.object({
            memberId: z.string().optional(),
            cardNo: z.string().optional(),
            qrToken: z.string().optional(),
          }),
        ),
        response: { 200: doc(MemberLookupResponseSchema), 404: errorDoc },
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const q = MemberLookupQuerySchema.safeParse(req.query);
      if (!q.success) return sendError(reply, 'bad-request', issues(q.error));
      const [column, value] =
        q.data.memberId !== undefined
          ? ['member_id', q.data.memberId]
          : q.data.cardNo !== undefined
            ? ['card_no', q.data.cardNo]
            : ['qr_token', q.data.qrToken ?? ''];
      const { rows } = await ctx.db.query<{ data: unknown }>(
        `SELECT data FROM (${PROJECTIONS.member.select.replace('{where}', `${column} = $1`)}) s`,
        [value],
      );
      const member = MemberSchema.safeParse(rows[0]?.data);
      if (!member.success) return sendError(reply, 'member-not-found', 'no such member');
      return { member: member.data };
    },
  );

  app.get(
    '/v1/staff-tasks',
    {
      schema: {
        summary: "Open staff tasks of the device's store",
        tags: ['members'],
        security: bearer,
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const { rows } = await ctx.db.query(
        `SELECT id::text AS id, kind, message, ref, device_id AS "deviceId", created_at AS "createdAt" FROM staff_tasks
       WHERE store_id = $1 AND status = 'open' ORDER BY id LIMIT 200`,
        [dev.value.storeId],
      );
      return { tasks: rows };
    },
  );
}
