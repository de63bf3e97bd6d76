/**
 * The look on the shopper's phone (public: the token is the capability).
 * - `GET /m/:token`: the page (zh-CN or en); `?g=<sku>` marks the garment whose QR was scanned.
 * - `GET /m/:token/look.json`: the same data, for the pending page to fill itself in.
 * - `POST /m/:token/orders`: buy online (home or pickup) or reserve in the look's store.
 * A malformed token is a 404 like an unknown one would be a pending page: nothing tells a guesser
 * which tokens exist beyond what a 128-bit random token already makes hopeless; orders are rate
 * limited per token and per address.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, LOOK_TOKEN } from '../../sync/protocol';
import { LookAnswerSchema, readLook } from '../looks/look-data';
import { renderLookPage } from '../looks/page';
import { pageLanguage } from '../looks/page-text';
import { placePhoneOrder, PhoneOrderSchema } from '../looks/phone-order';
import type { AppContext } from './context';
import { sendError } from './errors';
import { hit } from './rate-limit';

const TokenParams = z.object({ token: z.string().max(64) });
const ORDER_LIMITS = [
  { name: 'phone-order-minute', limit: 10, windowMs: 60_000 },
  { name: 'phone-order-hour', limit: 60, windowMs: 3_600_000 },
];
const PhoneOrderAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.object({ orderId: z.string(), status: z.string() }) }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(['look-not-found', 'look-expired', 'not-in-look', 'out-of-stock']),
      message: z.string(),
    }),
  }),
]);
const STATUS = {
  'look-not-found': 404,
  'look-expired': 410,
  'not-in-look': 400,
  'out-of-stock': 409,
} as const;

export const lookRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['phone'];
  app.get(
    '/m/:token',
    {
      schema: {
        summary: "A mirror look on the shopper's phone (HTML)",
        tags,
        params: TokenParams,
        querystring: z.object({
          lang: z.string().max(8).optional(),
          g: z.string().max(60).optional(),
        }),
      },
    },
    async (req, reply) => {
      if (!LOOK_TOKEN.test(req.params.token)) return sendError(reply, 'not-found', 'no such look');
      const answer = await readLook(ctx.db, req.params.token, ctx.now());
      const lang = pageLanguage(req.query.lang, req.headers['accept-language']);
      const nonce = randomBytes(16).toString('base64');
      return reply
        .code(answer.state === 'expired' ? 410 : 200)
        .headers({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
          'content-security-policy': `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
        })
        .send(
          renderLookPage(req.params.token, answer, lang, { nonce, focusSku: req.query.g ?? null }),
        );
    },
  );

  app.get(
    '/m/:token/look.json',
    {
      schema: {
        summary: 'A look as data: pending until the kiosk has synced it, expired after 7 days',
        tags,
        params: TokenParams,
        response: { 200: LookAnswerSchema, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      if (!LOOK_TOKEN.test(req.params.token)) return sendError(reply, 'not-found', 'no such look');
      reply.header('cache-control', 'no-store');
      return readLook(ctx.db, req.params.token, ctx.now());
    },
  );

  app.post(
    '/m/:token/orders',
    {
      schema: {
        summary: 'Buy online (home or pickup) or reserve in the store, from a look',
        tags,
        params: TokenParams,
        body: PhoneOrderSchema,
        response: {
          200: PhoneOrderAnswerSchema,
          400: z.union([PhoneOrderAnswerSchema, ErrorBodySchema]),
          404: z.union([PhoneOrderAnswerSchema, ErrorBodySchema]),
          409: PhoneOrderAnswerSchema,
          410: PhoneOrderAnswerSchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const { token } = req.params;
      if (!LOOK_TOKEN.test(token)) return sendError(reply, 'not-found', 'no such look');
      for (const key of [`look:${token}`, `ip:${req.ip}`]) {
        const verdict = await hit(ctx.db, key, ORDER_LIMITS, ctx.now());
        if (!verdict.allowed) {
          reply.header('retry-after', String(verdict.retryAfterS));
          return sendError(reply, 'rate-limited', 'too many orders; wait a little');
        }
      }
      const placed = await placePhoneOrder(ctx.db, token, req.body, ctx.now());
      if (placed.ok) return placed;
      return reply.code(STATUS[placed.error.code]).send(placed);
    },
  );
};
