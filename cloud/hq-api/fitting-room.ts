/**
 * Fitting room: tried → liked → bought per store, style, colour and size. "Bought" is the
 * garment bought in that visit's basket, or by the same member within 7 days in any channel
 * (each way counted on its own, so "tried in the store, bought online" shows as such).
 */
import { z } from 'zod';
import { IsoDateSchema } from './common';
import { AppliedFiltersSchema } from './filters';

const count = z.number().int();
export const FunnelSchema = z.object({
  garments: count.describe('Garments tried (one per visit and SKU)'),
  likedOrBought: count.describe('Tried garments the shopper liked or bought'),
  bought: count.describe('Tried garments bought, in the channels filtered'),
  boughtVisit: count.describe("Bought in that visit's basket"),
  boughtStore: count.describe('Bought by the member in a store within 7 days'),
  boughtOnline: count.describe('Bought by the member online within 7 days'),
  boughtMiniapp: count.describe('Bought by the member in the mini-program within 7 days'),
  rejected: count,
  sizeSwaps: count,
});
export type Funnel = z.infer<typeof FunnelSchema>;

export const SizeRequestSumsSchema = z.object({
  requests: count.describe('Sizes asked for at the mirror'),
  brought: count.describe('Requests marked done by staff'),
  bringSeconds: count.describe('Total seconds from request to done, over the brought ones'),
  outOfStock: count.describe('Requests for a size this store did not have in stock'),
});
export type SizeRequestSums = z.infer<typeof SizeRequestSumsSchema>;

export const FittingRoomResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    totals: FunnelSchema.extend({ sessions: count, sizeRequests: SizeRequestSumsSchema }),
    byStore: z.array(
      FunnelSchema.extend({
        storeId: z.string(),
        sessions: count,
        sizeRequests: SizeRequestSumsSchema,
      }),
    ),
    byStyle: z
      .array(FunnelSchema.extend({ styleId: z.string() }))
      .describe('Top styles by garments'),
    byVariant: z
      .array(FunnelSchema.extend({ sku: z.string(), colorCode: z.string(), size: z.string() }))
      .describe("The style filter's colours and sizes (empty without a style filter)"),
    byDay: z.array(FunnelSchema.extend({ day: IsoDateSchema, sessions: count })),
  })
  .meta({ id: 'HqFittingRoom' });
export type FittingRoomResponse = z.infer<typeof FittingRoomResponseSchema>;
