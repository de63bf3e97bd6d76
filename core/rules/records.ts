/**
 * Turns CSV/DB rows (header → text) of tiers and coupons into the typed rule inputs.
 * Bad rows give a typed error naming the field, never a throw.
 */
import { z } from 'zod';
import { fail, formatZodError } from '../../common/result';
import { percentToBasisPoints } from './money';
import { COUPON_KINDS, type Coupon, type RuleResult, type Tier } from './types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const wholeNumber = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a number')
  .transform(Number);
const flag = z.enum(['0', '1']).transform((s) => s === '1');

const tierRow = z.object({
  tier: z.string().min(1),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  discount_pct: decimal.refine(
    (n) => percentToBasisPoints(n) !== undefined,
    'percent 0..100, two decimals',
  ),
  points_per_yuan: decimal,
  min_annual_spend_yuan: wholeNumber,
});

const couponRow = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'code: letters, digits, - and _'),
    title_zh: z.string().min(1),
    title_en: z.string().min(1),
    kind: z.enum(COUPON_KINDS),
    value: decimal,
    min_spend_cents: wholeNumber,
    valid_from: isoDate,
    valid_to: isoDate,
    min_tier: z.string().min(1),
    single_use: flag,
  })
  .refine((r) => r.valid_from <= r.valid_to, {
    message: 'valid_from after valid_to',
    path: ['valid_to'],
  })
  .refine(
    (r) => r.kind !== 'percent' || (r.value > 0 && percentToBasisPoints(r.value) !== undefined),
    {
      message: 'percent coupon value must be 0 < value ≤ 100 with at most two decimals',
      path: ['value'],
    },
  )
  .refine(
    (r) =>
      (r.kind !== 'amount' && r.kind !== 'threshold') ||
      (Number.isSafeInteger(r.value) && r.value > 0),
    {
      message: 'amount coupon value must be whole fen > 0',
      path: ['value'],
    },
  )
  .refine((r) => r.kind !== 'points_multiplier' || r.value >= 1, {
    message: 'points multiplier must be ≥ 1',
    path: ['value'],
  });

export function tierFromRecord(record: Record<string, string>): RuleResult<Tier, 'invalid-tier'> {
  const parsed = tierRow.safeParse(record);
  if (!parsed.success) return fail('invalid-tier', formatZodError(parsed.error));
  const r = parsed.data;
  return {
    ok: true,
    value: {
      tier: r.tier,
      name: { zh: r.name_zh, en: r.name_en },
      discountPct: r.discount_pct,
      pointsPerYuan: r.points_per_yuan,
      minAnnualSpendYuan: r.min_annual_spend_yuan,
    },
  };
}

export function couponFromRecord(
  record: Record<string, string>,
): RuleResult<Coupon, 'invalid-coupon'> {
  const parsed = couponRow.safeParse(record);
  if (!parsed.success) return fail('invalid-coupon', formatZodError(parsed.error));
  const r = parsed.data;
  return {
    ok: true,
    value: {
      code: r.code,
      title: { zh: r.title_zh, en: r.title_en },
      kind: r.kind,
      value: r.value,
      minSpendCents: r.min_spend_cents,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      minTier: r.min_tier,
      singleUse: r.single_use,
    },
  };
}
