/** Import specs for the member system's reference files: channels, tiers, coupons. */
import { z } from 'zod';
import { cents, date, flag, id, natural, text } from './fields';
import type { FileSpec } from './spec';
import { tableSpec } from './table-spec';

const channels = z.object({ channel_id: id, name_zh: text, name_en: text });

const tiers = z.object({
  tier: id,
  name_zh: text,
  name_en: text,
  discount_pct: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percent with at most two decimals, e.g. 5 or 7.5')
    .transform(Number)
    .refine((value) => value <= 100, 'must be at most 100'),
  points_per_yuan: natural,
  min_annual_spend_yuan: natural,
});

const coupons = z
  .object({
    code: id,
    title_zh: text,
    title_en: text,
    kind: z.enum(['amount', 'percent', 'threshold', 'points_multiplier'], {
      message: 'must be amount, percent, threshold or points_multiplier',
    }),
    value: natural,
    min_spend_cents: cents,
    valid_from: date,
    valid_to: date,
    min_tier: id,
    single_use: flag,
  })
  .refine((c) => c.valid_from <= c.valid_to, {
    message: 'valid_to is before valid_from',
    path: ['valid_to'],
  })
  .refine((c) => c.kind !== 'percent' || (c.value >= 1 && c.value <= 100), {
    message: 'a percent coupon takes 1 to 100',
    path: ['value'],
  });

export const referenceFiles: readonly FileSpec[] = [
  tableSpec('channels.csv', 'channels', channels, ['channel_id']),
  tableSpec('tiers.csv', 'tiers', tiers, ['tier']),
  tableSpec('coupons.csv', 'coupons', coupons, ['code']),
];
