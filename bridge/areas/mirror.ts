/** The mirror area: reactions to garments (recorded as try-ons) and size requests. */
import { z } from 'zod';
import { reactionSchema, sessionViewSchema, tryOnReasonSchema } from '../views';

const sku = z.string().min(1).max(64);

export const mirrorMethods = {
  'mirror.react': {
    input: z
      .object({ sku, reaction: reactionSchema, reason: tryOnReasonSchema.nullable().default(null) })
      .strict(),
    output: sessionViewSchema,
  },
  /** Asks staff to bring this variant (size) to the fitting room. */
  'mirror.requestSize': { input: z.object({ sku }).strict(), output: sessionViewSchema },
  'mirror.focus': { input: z.object({ sku }).strict(), output: sessionViewSchema },
} as const;
