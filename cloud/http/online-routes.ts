/**
 * The online-channel API for the brand's e-shop and mini-program, under /online/v1, authenticated
 * by an online client credential (`Authorization: Bearer oc_….<secret>`; a kiosk token is refused).
 * Everything about a member needs their profiling consent: without it, or after erasure, the answer
 * is the same 404 as for a member who does not exist. Every call is audited, refused ones too.
 * `POST /admin/online-clients` (admin token) makes a client and shows its credential once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../sync/protocol';
import {
  audit,
  authenticateOnlineClient,
  createOnlineClient,
  type OnlineClient,
} from '../online/clients';
import { mayProfile, mirrorLooks, preferenceProfile, recommendations } from '../online/member-data';
import { isAdmin } from './admin-routes';
import { bearerToken, type AppContext } from './context';
import { sendError, sendRateLimited } from './errors';
import { hit } from './rate-limit';

const Label = z.object({ zh: z.string(), en: z.string() });
const StyleRef = z.object({
  styleId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
});
const RecommendationsSchema = z.object({
  memberId: z.string(),
  picks: z.array(
    z.object({
      styleId: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      score: z.number(),
      reason: Label,
    }),
  ),
});
const ProfileSchema = z.object({
  memberId: z.string(),
  styles: z.object({ liked: z.array(StyleRef), notForMe: z.array(StyleRef) }),
  colours: z.object({ liked: z.array(z.string()), disliked: z.array(z.string()) }),
  fit: z.array(
    z.object({
      category: z.string(),
      takes: z.string().nullable().describe('The size the member usually keeps in this category'),
      foundTooSmall: z.array(z.string()),
      foundTooBig: z.array(z.string()),
    }),
  ),
});
const LooksSchema = z.object({
  memberId: z.string(),
  looks: z.array(
    z.object({
      sessionId: z.string(),
      storeId: z.string(),
      at: z.string(),
      garments: z.array(
        z.object({
          sku: z.string(),
          outcome: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      ),
    }),
  ),
});
const MemberParams = z.object({ memberId: z.string().min(1).max(40) });
const errors = { 401: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema };

export const onlineRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const clients = new WeakMap<FastifyRequest, OnlineClient>();
  const endpointOf = (req: FastifyRequest) => req.routeOptions.url ?? 'unknown';
  const memberOf = (req: FastifyRequest) =>
    MemberParams.safeParse(req.params).data?.memberId ?? null;

  /**
   * An online client, or 401 (audited with the member asked for). Calls without a valid credential
   * are counted per address (one atomic increment each): past the limit they get 429 and leave no
   * audit row, so a flood cannot grow the audit table without bound. Valid credentials are never
   * limited by it (their secret is 256 bits: the limit is about the rows, not guessing).
   */
  const requireClient = async (req: FastifyRequest, reply: FastifyReply) => {
    const client = await authenticateOnlineClient(ctx.db, bearerToken(req));
    if (!client) {
      const counted = await hit(ctx.db, req.ip, [ctx.limits.onlineAuthFailures], ctx.now());
      if (!counted.allowed)
        return sendRateLimited(reply, counted.retryAfterS, 'calls without a valid credential');
      await audit(
        ctx.db,
        { clientId: null, memberId: memberOf(req), endpoint: endpointOf(req), status: 401 },
        ctx.now(),
      );
      return sendError(reply, 'unauthorized', 'an online client credential is required');
    }
    clients.set(req, client);
  };

  /** Runs `read` for a consenting member; audits the call whatever the answer. */
  async function memberCall<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    read: (memberId: string) => Promise<T>,
  ) {
    const memberId = memberOf(req) ?? '';
    const allowed = await mayProfile(ctx.db, memberId);
    await audit(
      ctx.db,
      {
        clientId: clients.get(req)?.clientId ?? null,
        memberId,
        endpoint: endpointOf(req),
        status: allowed ? 200 : 404,
      },
      ctx.now(),
    );
    if (!allowed)
      return sendError(reply, 'member-not-found', 'no member with profiling consent by this id');
    return read(memberId);
  }

  /** A request the schema refused (a malformed member id) is audited too, before it is answered. */
  const auditRefusedInput = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode === 400)
      await audit(
        ctx.db,
        {
          clientId: clients.get(req)?.clientId ?? null,
          memberId: null,
          endpoint: endpointOf(req),
          status: 400,
        },
        ctx.now(),
      );
    return payload;
  };

  const route = { preValidation: requireClient, onSend: auditRefusedInput };
  const schema = (summary: string, response: z.ZodType) => ({
    summary,
    tags: ['online'],
    security: [{ bearer: [] }],
    params: MemberParams,
    response: { 200: response, ...errors },
  });

  app.get(
    '/online/v1/members/:memberId/recommendations',
    { ...route, schema: schema("A member's picks, each with its reason", RecommendationsSchema) },
    async (req, reply) =>
      memberCall(req, reply, async (memberId) => ({
        memberId,
        picks: await recommendations(ctx.db, memberId),
      })),
  );
  app.get(
    '/online/v1/members/:memberId/profile',
    {
      ...route,
      schema: schema('What the mirror learnt: styles, colours, fit per category', ProfileSchema),
    },
    async (req, reply) =>
      memberCall(req, reply, async (memberId) => ({
        memberId,
        ...(await preferenceProfile(ctx.db, memberId)),
      })),
  );
  app.get(
    '/online/v1/members/:memberId/looks',
    { ...route, schema: schema("The member's mirror visits and what they tried", LooksSchema) },
    async (req, reply) =>
      memberCall(req, reply, async (memberId) => ({
        memberId,
        looks: await mirrorLooks(ctx.db, memberId),
      })),
  );

  app.post(
    '/admin/online-clients',
    {
      schema: {
        summary: 'Create an online-channel client (its credential is shown once)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        body: z.object({ name: z.string().min(1).max(80) }),
        response: {
          200: z.object({ clientId: z.string(), name: z.string(), credential: z.string() }),
          403: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      if (!isAdmin(ctx, req)) return sendError(reply, 'forbidden', 'admin token required');
      return createOnlineClient(ctx.db, req.body.name, ctx.now());
    },
  );
};
