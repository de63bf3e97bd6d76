import { z } from 'zod';
import { InstantSchema, int, text } from './bounds';

/**
 * A mirror visit's look, shared to the shopper's phone: the link's token (random, unguessable,
 * made on the kiosk), the garments of the visit so far, and when the link expires. No member, no
 * personal data: whoever holds the link sees garments, stock and prices, nothing about the person.
 */
export const LOOK_TOKEN = /^[A-Za-z0-9_-]{22}$/;
export const LookTokenSchema = z.string().regex(LOOK_TOKEN, '22 base64url characters');

/** shareLook v1: the look of a visit; a later revision (more garments) replaces an earlier one. */
export const ShareLookV1 = z.object({
  token: LookTokenSchema,
  /** Grows with every garment added to the visit; the cloud keeps the highest. */
  revision: int(1, 200),
  skus: z.array(text(1, 60)).min(1).max(60),
  expiresAt: InstantSchema,
});
export type ShareLookArgs = z.infer<typeof ShareLookV1>;

/** A look is reachable for 7 days after it is made. */
export const LOOK_TTL_MS = 7 * 24 * 3600_000;
