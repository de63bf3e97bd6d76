/** Overview: sales, orders, AOV, UPT, members' share and new members, by day and hour, per channel. */
import { z } from 'zod';
import { HqChannelSchema, IsoDateSchema } from './common';
import { AppliedFiltersSchema } from './filters';

const count = z.number().int();
export const SalesSumsSchema = z.object({
  netCents: count.describe('Net sales after discounts, fen'),
  orders: count.describe('Orders (sales) with at least one line in the filters'),
  units: count,
  memberNetCents: count.describe("Members' net sales, fen"),
  memberOrders: count,
});
export type SalesSums = z.infer<typeof SalesSumsSchema>;

export const OverviewResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    byChannel: z.array(SalesSumsSchema.extend({ channel: HqChannelSchema })),
    byDay: z.array(SalesSumsSchema.extend({ day: IsoDateSchema, channel: HqChannelSchema })),
    byHour: z.array(
      SalesSumsSchema.extend({ hour: z.number().int().min(0).max(23), channel: HqChannelSchema }),
    ),
    newMembers: z.object({
      total: count,
      byDay: z.array(z.object({ day: IsoDateSchema, members: count })),
    }),
  })
  .meta({ id: 'HqOverview' });
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
