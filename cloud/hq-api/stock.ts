/**
 * Sales and stock: sell-through, weeks of cover, slow movers, and sizes asked for but out of stock.
 * Stock and slow movers are as of now (stock has no history); sales follow the date range.
 */
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from './common';
import { AppliedFiltersSchema } from './filters';

const count = z.number().int();
export const StockQuerySchema = z.object({
  slowDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(28)
    .describe('A style in stock with no sale in this many days is slow'),
});

export const StockResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    slowDays: count,
    recent: z
      .object({ from: IsoDateSchema, weeks: z.number() })
      .describe('The last weeks of the range that weekly units average over'),
    byStyle: z.array(
      z.object({
        styleId: z.string(),
        unitsSold: count,
        netCents: count,
        onHand: count.describe('Units in stock now at the locations in scope'),
        sellThrough: z.number().nullable().describe('Units sold / (sold + on hand)'),
        weeklyUnits: z.number().describe('Average units a week over the last 4 weeks of the range'),
        weeksOfCover: z.number().nullable().describe('On hand / weekly units; null without sales'),
      }),
    ),
    slowMovers: z.array(
      z.object({
        locationId: z.string(),
        styleId: z.string(),
        onHand: count,
        lastSoldAt: IsoInstantSchema.nullable(),
        noSale: z.boolean().describe('No sale here in the slowDays days up to the range’s end'),
        triesSinceSale: count.describe('Garments of the style tried here since it last sold here'),
        triedNotBought: z.boolean().describe('Tried at least 3 times since its last sale here'),
      }),
    ),
    lostDemand: z.array(
      z.object({
        storeId: z.string(),
        sku: z.string(),
        styleId: z.string(),
        colorCode: z.string(),
        size: z.string(),
        requests: count,
        outOfStock: count,
      }),
    ),
  })
  .meta({ id: 'HqStock' });
export type StockResponse = z.infer<typeof StockResponseSchema>;
