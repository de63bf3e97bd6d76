/** What the filter bar offers: the stores the user may see, cities, categories, seasons, data range. */
import { z } from 'zod';
import { HqUserSchema } from './auth';
import { IsoDateSchema } from './common';

export const HqStoreSchema = z.object({
  storeId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  city: z.string(),
});
export type HqStore = z.infer<typeof HqStoreSchema>;

export const MetaResponseSchema = z
  .object({
    user: HqUserSchema,
    stores: z.array(HqStoreSchema).describe('Only the stores this user may see'),
    cities: z.array(z.string()),
    categories: z.array(z.string()),
    seasons: z.array(z.string()),
    tiers: z.array(z.object({ tier: z.string(), nameZh: z.string(), nameEn: z.string() })),
    styles: z
      .array(z.object({ styleId: z.string(), nameZh: z.string(), nameEn: z.string() }))
      .describe('Style names, for labels'),
    dataRange: z
      .object({ first: IsoDateSchema.nullable(), last: IsoDateSchema.nullable() })
      .describe('First and last day with sales or try-ons in scope'),
  })
  .meta({ id: 'HqMeta' });
export type MetaResponse = z.infer<typeof MetaResponseSchema>;
