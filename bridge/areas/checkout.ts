/** The checkout area: coupons, points, paying at the counter, and the after-sale question. */
import { z } from 'zod';
import { sessionViewSchema } from '../views';
import { none } from './shared';

export const checkoutMethods = {
  'checkout.coupon': {
    input: z.object({ code: z.string().min(1).max(40), applied: z.boolean() }).strict(),
    output: sessionViewSchema,
  },
  'checkout.points': {
    input: z.object({ points: z.number().int().min(0).max(100_000_000) }).strict(),
    output: sessionViewSchema,
  },
  'checkout.payAtCounter': { input: none, output: sessionViewSchema },
  'checkout.nps': {
    input: z.object({ score: z.number().int().min(0).max(10) }).strict(),
    output: sessionViewSchema,
  },
} as const;
