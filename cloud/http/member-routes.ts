/**
 * `POST /v1/members/lookup`: a member the kiosk has not cached (a visitor from another store), found
 * by the credential the shopper presented — in the body, so it never sits in a URL or an access
 * log. Limited per device in the database (rate-limit.ts); the answer carries no credential, and a
 * presence ticket for this device and member.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  MemberLookupRequestSchema,
  MemberLookupResponseSchema,
} from '../../sync/protocol';
import { lookupMember } from '../members/lookup';
import { deviceOf, requireDevice, type AppContext } from './context';
import { sendError, sendRateLimited } from './errors';
import { hit } from './rate-limit';

export const memberRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/v1/members/lookup',
    {
      preValidation: requireDevice(ctx),
      schema: {
        summary: 'Find a member by the card number or QR token the shopper presented here',
        tags: ['members'],
        security: [{ bearer: [] }],
        body: MemberLookupRequestSchema,
        response: {
          200: MemberLookupResponseSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const device = deviceOf(req);
      const now = ctx.now();
      const allowed = await hit(ctx.db, device.deviceId, ctx.limits.lookup, now);
      if (!allowed.allowed) return sendRateLimited(reply, allowed.retryAfterS, 'member look-ups');
      const found = await lookupMember(ctx.db, device, req.body, {
        presenceSecret: ctx.presenceSecret,
        now,
      });
      return found ?? sendError(reply, 'member-not-found', 'no such member');
    },
  );
};
