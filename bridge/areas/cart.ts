/** The cart area: quantities and removal (removal may need staff approval). */
import { z } from 'zod';
import { sessionViewSchema } from '../views';

export const cartMethods = {
  /** qty 0 removes the line. */
  'cart.setQty': {
    input: z
      .object({ sku: z.string().min(1).max(64), qty: z.number().int().min(0).max(99) })
      .strict(),
    output: sessionViewSchema,
  },
} as const;
