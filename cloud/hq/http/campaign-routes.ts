/**
 * The campaigns API: marketing creates, previews and launches; analysts and marketing read the
 * list and each campaign's result. Store managers have no campaigns view.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CAMPAIGN_WRITERS,
  CampaignRoutes,
  HqErrorBodySchema,
  type HqErrorCode,
} from '../../hq-api';
import {
  campaignResult,
  createCampaign,
  launchCampaign,
  listCampaigns,
  previewCampaign,
  type CampaignError,
} from '../../campaigns/campaigns';
import { mayOpen } from '../scope';
import { brandToday, type HqContext } from './context';
import { hqError } from './errors';
import { requireSession, sessionOf } from './session-routes';

const errors = {
  400: HqErrorBodySchema,
  401: HqErrorBodySchema,
  403: HqErrorBodySchema,
  404: HqErrorBodySchema,
};

const ERROR_OF: Record<CampaignError, HqErrorCode> = {
  'not-found': 'not-found',
  'already-launched': 'bad-request',
  'schedule-over': 'bad-request',
  'bad-request': 'bad-request',
};

export function registerCampaignRoutes(app: FastifyInstance, ctx: HqContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = requireSession(ctx);
  const today = () => brandToday(ctx.now());
  const schema = (summary: string) => ({ summary, tags: ['hq'], security: [{ hqSession: [] }] });

  /** The signed-in user when they may read (or, with `write`, change) campaigns; else answered. */
  function allowed(req: FastifyRequest, reply: FastifyReply, write: boolean) {
    const { user } = sessionOf(req);
    if (!mayOpen(user, 'campaigns') || (write && !CAMPAIGN_WRITERS.includes(user.role))) {
      void hqError(
        reply,
        'forbidden',
        `${user.role} may not ${write ? 'change' : 'read'} campaigns`,
      );
      return null;
    }
    return user;
  }

  r.get(
    `/api${CampaignRoutes.list.path}`,
    {
      schema: {
        ...schema('Every campaign'),
        response: { 200: CampaignRoutes.list.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      if (!allowed(req, reply, false)) return reply;
      return { campaigns: await listCampaigns(ctx.db, today()) };
    },
  );
  r.post(
    `/api${CampaignRoutes.preview.path}`,
    {
      schema: {
        ...schema('How many members a draft would reach today, and the hold-out'),
        body: CampaignRoutes.preview.body,
        response: { 200: CampaignRoutes.preview.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      if (!allowed(req, reply, true)) return reply;
      return previewCampaign(ctx.db, req.body, today());
    },
  );
  r.post(
    `/api${CampaignRoutes.create.path}`,
    {
      schema: {
        ...schema('Create a campaign (a draft until launched)'),
        body: CampaignRoutes.create.body,
        response: { 200: CampaignRoutes.create.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      const user = allowed(req, reply, true);
      if (!user) return reply;
      return createCampaign(ctx.db, req.body, user.username, ctx.now(), today());
    },
  );
  r.post(
    `/api${CampaignRoutes.launch.path}`,
    {
      schema: {
        ...schema('Launch: draw the audience, hold out the control group, ship the offer'),
        params: CampaignRoutes.launch.params,
        response: { 200: CampaignRoutes.launch.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      const user = allowed(req, reply, true);
      if (!user) return reply;
      const res = await launchCampaign(
        ctx.db,
        req.params.campaignId,
        user.username,
        ctx.now(),
        today(),
      );
      return res.ok ? res.value : hqError(reply, ERROR_OF[res.error.code], res.error.message);
    },
  );
  r.get(
    `/api${CampaignRoutes.result.path}`,
    {
      schema: {
        ...schema('A campaign and its result: redemption, revenue per member, uplift'),
        params: CampaignRoutes.result.params,
        response: { 200: CampaignRoutes.result.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      if (!allowed(req, reply, false)) return reply;
      const res = await campaignResult(ctx.db, req.params.campaignId, today());
      return res.ok ? res.value : hqError(reply, ERROR_OF[res.error.code], res.error.message);
    },
  );
}
