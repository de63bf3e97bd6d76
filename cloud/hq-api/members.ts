/** Members: RFM segments and their movement, repeat purchase, cohorts, tiers and consent, NPS. */
import { z } from 'zod';
import { SEGMENTS } from '../../core/rules/rfm';
import { IsoDateSchema } from './common';
import { AppliedFiltersSchema } from './filters';

const count = z.number().int();
/** The segments core's RFM rule assigns (core/rules/rfm.ts, pure: the console may bundle it). */
export const RFM_SEGMENTS = SEGMENTS;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];
/** A member in one month's snapshot and not in the other. */
export const NO_SEGMENT = 'none';

export const MembersResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    rfm: z
      .object({
        month: IsoDateSchema.describe('The snapshot month (first day)'),
        asOf: IsoDateSchema,
        previousMonth: IsoDateSchema.nullable(),
        segments: z.array(
          z.object({ segment: z.enum(RFM_SEGMENTS), members: count, monetaryCents: count }),
        ),
        moves: z.array(z.object({ from: z.string(), to: z.string(), members: count })),
      })
      .nullable(),
    repeat: z
      .object({
        buyers: count.describe('Members who bought, counted once per calendar month of the range'),
        repeaters: count.describe('…with two orders or more in that month'),
      })
      .describe('Monthly repeat purchase: repeaters / buyers, pooled over the months of the range'),
    cohorts: z.array(
      z.object({
        joinMonth: IsoDateSchema,
        size: count,
        months: z.array(z.object({ month: IsoDateSchema, active: count })),
      }),
    ),
    tiers: z.array(
      z.object({
        tier: z.string(),
        members: count,
        consentProfile: count,
        consentMarketing: count,
        consentPhoto: count,
      }),
    ),
    nps: z.array(
      z.object({
        week: IsoDateSchema,
        storeId: z.string(),
        responses: count,
        promoters: count,
        passives: count,
        detractors: count,
      }),
    ),
  })
  .meta({ id: 'HqMembers' });
export type MembersResponse = z.infer<typeof MembersResponseSchema>;
