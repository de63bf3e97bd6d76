import { z } from 'zod';

/**
 * A campaign offer addressed to one member, in their `members` stream row (`offers`): a coupon
 * definition whose dates are the member's own window. Only the campaign's targeted members get it.
 */
export const MemberOfferSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  titleZh: z.string().min(1).max(60),
  titleEn: z.string().min(1).max(60),
  kind: z.enum(['amount', 'percent', 'threshold', 'points_multiplier']),
  value: z.number().int().min(0),
  minSpendCents: z.number().int().min(0),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  minTier: z.string().min(1),
  singleUse: z.boolean(),
});
export type MemberOfferWire = z.infer<typeof MemberOfferSchema>;
export const MemberOffersSchema = z.array(MemberOfferSchema).max(50);
