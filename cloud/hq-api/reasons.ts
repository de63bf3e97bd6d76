/** Why not bought: "not for me" reasons per style and store, and each style's fit signal. */
import { z } from 'zod';
import { AppliedFiltersSchema } from './filters';

const count = z.number().int();
export const TRYON_REASONS = ['too-small', 'too-big', 'colour', 'style', 'price'] as const;
export type TryOnReason = (typeof TRYON_REASONS)[number];

export const ReasonCountsSchema = z.object({
  garments: count,
  rejected: count,
  sizeSwaps: count,
  tooSmall: count,
  tooBig: count,
  colour: count,
  style: count,
  price: count,
});
export type ReasonCounts = z.infer<typeof ReasonCountsSchema>;

export const FIT_VERDICTS = ['runs-small', 'runs-large', 'true-to-size', 'too-few'] as const;
export const FitSignalSchema = z
  .object({
    verdict: z.enum(FIT_VERDICTS),
    small: count.describe('Garments found too small'),
    large: count.describe('Garments found too big'),
    share: z.number().describe('Share of the dominant side among small + large'),
    lowerBound: z.number().describe('95 % Wilson lower bound of that share'),
  })
  .meta({ id: 'HqFitSignal' });
export type FitSignal = z.infer<typeof FitSignalSchema>;

export const ReasonsResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    totals: ReasonCountsSchema,
    byStyle: z
      .array(ReasonCountsSchema.extend({ styleId: z.string(), fit: FitSignalSchema }))
      .describe('Most rejected styles first'),
    byStore: z.array(ReasonCountsSchema.extend({ storeId: z.string() })),
  })
  .meta({ id: 'HqReasons' });
export type ReasonsResponse = z.infer<typeof ReasonsResponseSchema>;
