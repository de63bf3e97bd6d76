/** The mirror area: reactions to garments (recorded as try-ons) and size requests. */
import { z } from 'zod';
import { orderSchema, reactionSchema, sessionViewSchema, tryOnReasonSchema } from '../views';

const sku = z.string().min(1).max(64);

/**
 * The largest try-on photo, as JPEG bytes. The renderer takes it at most 1280 px on its long side
 * (a phone shows it; a 1280×960 JPEG at quality 0.85 is ~150–300 KB), so 1 MiB leaves room while
 * bounding the bridge's frames, the sealed copy in SQLite and its upload over the store's network.
 */
export const maxPhotoJpegBytes = 1024 * 1024;
/** Base64 text of `maxPhotoJpegBytes`. */
export const maxPhotoBase64Chars = 4 * Math.ceil(maxPhotoJpegBytes / 3);

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
  /** One camera frame as base64 JPEG (at most `maxPhotoJpegBytes`); refused without consent. */
  'mirror.photo': {
    input: z.object({ imageBase64: z.base64().min(4).max(maxPhotoBase64Chars) }).strict(),
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
