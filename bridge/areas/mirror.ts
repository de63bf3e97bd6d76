/** The mirror area: reactions to garments (recorded as try-ons) and size requests. */
import { z } from 'zod';
import { orderSchema, reactionSchema, sessionViewSchema, tryOnReasonSchema } from '../views';

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
  /** The size is not here: reserve it in another store, or order it from online stock. */
  'mirror.order': {
    input: z
      .object({ sku, kind: orderSchema.shape.kind, delivery: orderSchema.shape.delivery })
      .strict(),
    output: sessionViewSchema,
  },
  /** The photo consent screen's answer. */
  'mirror.photoConsent': {
    input: z.object({ granted: z.boolean() }).strict(),
    output: sessionViewSchema,
  },
  /** One camera frame as base64 JPEG (at most ~3 MB); refused without consent. */
  'mirror.photo': {
    input: z.object({ imageBase64: z.string().min(4).max(4_200_000) }).strict(),
    output: sessionViewSchema,
  },
  'mirror.sendPhoto': {
    input: z.object({ photoId: z.string().min(1).max(64) }).strict(),
    output: sessionViewSchema,
  },
  'mirror.discardPhoto': {
    input: z.object({ photoId: z.string().min(1).max(64) }).strict(),
    output: sessionViewSchema,
  },
} as const;
