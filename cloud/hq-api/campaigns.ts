/**
 * Campaigns (marketing): an offer to RFM segments × home stores × tiers of members who consented
 * to marketing, a schedule, and a random control group held out at launch. The result compares
 * the targeted (treatment) arm with the control arm: redemption rate, revenue per member, uplift
 * with a 95 % confidence interval.
 */
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema, StoreIdSchema } from './common';
import { RFM_SEGMENTS } from './members';

export const CAMPAIGN_OFFER_KINDS = ['amount', 'percent', 'points_multiplier'] as const;
export type CampaignOfferKind = (typeof CAMPAIGN_OFFER_KINDS)[number];

export const CampaignIdSchema = z.string().regex(/^CMP[0-9]{4,}$/);

export const CampaignOfferSchema = z
  .object({
    kind: z
      .enum(CAMPAIGN_OFFER_KINDS)
      .describe('amount: fen off; percent: percent off; points_multiplier: factor on points'),
    value: z.number().int().positive(),
    minSpendCents: z.number().int().min(0).default(0),
    titleZh: z.string().min(1).max(60),
    titleEn: z.string().min(1).max(60),
  })
  .refine((o) => o.kind !== 'percent' || o.value <= 90, 'percent off is at most 90')
  .refine(
    (o) => o.kind !== 'points_multiplier' || o.value <= 10,
    'points multiplier is at most 10',
  );
export type CampaignOffer = z.infer<typeof CampaignOfferSchema>;

export const CampaignDraftSchema = z
  .object({
    name: z.string().min(1).max(120),
    segments: z.array(z.enum(RFM_SEGMENTS)).min(1),
    stores: z.array(StoreIdSchema).describe('Home stores; empty = every store'),
    tiers: z.array(z.string().min(1).max(32)).describe('Tiers; empty = every tier'),
    offer: CampaignOfferSchema,
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    birthdayMonth: z
      .boolean()
      .default(false)
      .describe("Each member's offer is valid only in their birthday month within the schedule"),
    controlPct: z.number().int().min(0).max(50).default(10),
  })
  .refine((d) => d.endsOn >= d.startsOn, 'endsOn is before startsOn')
  .meta({ id: 'CampaignDraft' });
export type CampaignDraft = z.input<typeof CampaignDraftSchema>;

export const CampaignSchema = z
  .object({
    campaignId: CampaignIdSchema,
    name: z.string(),
    segments: z.array(z.string()),
    stores: z.array(z.string()),
    tiers: z.array(z.string()),
    offer: z.object({
      kind: z.enum(CAMPAIGN_OFFER_KINDS),
      value: z.number().int(),
      minSpendCents: z.number().int(),
      titleZh: z.string(),
      titleEn: z.string(),
    }),
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    birthdayMonth: z.boolean(),
    controlPct: z.number().int(),
    status: z.enum(['draft', 'scheduled', 'running', 'ended']),
    couponCode: z.string().nullable(),
    launchedAt: IsoInstantSchema.nullable(),
    createdBy: z.string(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof CampaignSchema>;

const ArmSchema = z.object({
  members: z.number().int().describe('Members in this arm, recorded at launch'),
  redeemers: z.number().int().describe('Members who used the offer (control: always 0)'),
  redemptionRate: z.number().nullable(),
  revenueCents: z.number().int().describe('Net sales in every channel during the schedule'),
  revenuePerMemberCents: z.number().nullable(),
});

export const CampaignResultSchema = z
  .object({
    campaign: CampaignSchema,
    asOf: IsoDateSchema.describe('Last day counted (today, or the end of the schedule)'),
    treatment: ArmSchema,
    control: ArmSchema,
    uplift: z
      .object({
        perMemberCents: z.number().describe('Revenue per member, treatment − control'),
        ciLowCents: z.number(),
        ciHighCents: z.number(),
        relative: z.number().nullable().describe('perMember ÷ control per member'),
        confidence: z.literal(0.95),
        degreesOfFreedom: z
          .number()
          .describe("Welch–Satterthwaite degrees of freedom of the interval (Welch's t)"),
      })
      .nullable()
      .describe('null until each arm has at least two members and revenue varies in one of them'),
  })
  .meta({ id: 'CampaignResult' });
export type CampaignResult = z.infer<typeof CampaignResultSchema>;

export const CampaignListSchema = z.object({ campaigns: z.array(CampaignSchema) });
export type CampaignList = z.infer<typeof CampaignListSchema>;

export const CampaignPreviewSchema = z.object({
  eligible: z.number().int().describe('Members matching the audience today (before the hold-out)'),
  control: z.number().int(),
  treatment: z.number().int(),
});
export type CampaignPreview = z.infer<typeof CampaignPreviewSchema>;

export const CampaignParamsSchema = z.object({ campaignId: CampaignIdSchema });

export const CampaignRoutes = {
  list: { method: 'GET', path: '/campaigns', response: CampaignListSchema },
  create: {
    method: 'POST',
    path: '/campaigns',
    body: CampaignDraftSchema,
    response: CampaignSchema,
  },
  preview: {
    method: 'POST',
    path: '/campaigns/preview',
    body: CampaignDraftSchema,
    response: CampaignPreviewSchema,
  },
  launch: {
    method: 'POST',
    path: '/campaigns/:campaignId/launch',
    params: CampaignParamsSchema,
    response: CampaignResultSchema,
  },
  result: {
    method: 'GET',
    path: '/campaigns/:campaignId',
    params: CampaignParamsSchema,
    response: CampaignResultSchema,
  },
} as const;
