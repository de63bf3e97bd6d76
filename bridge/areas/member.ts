/**
 * The member area: sign-in by a member QR token the screen's camera decoded, and joining. A card
 * number is never typed by a shopper: cards come from the card reader (a scan), and staff look a
 * member up with `staff.member`.
 */
import { z } from 'zod';
import { sessionViewSchema } from '../views';

export const memberMethods = {
  /**
   * Text the screen's camera decoded from a QR code the shopper showed. The host runs it through
   * the same decoder as a scan and accepts only a member token; anything else is refused calmly.
   */
  'member.cameraCode': {
    input: z.object({ text: z.string().min(1).max(512) }).strict(),
    output: sessionViewSchema,
  },
  /** Not a member yet: join with a phone number; the terms must be accepted, the rest is optional. */
  'member.join': {
    input: z
      .object({
        phone: z.string().min(6).max(20),
        acceptTerms: z.literal(true),
        consentProfile: z.boolean(),
        consentMarketing: z.boolean(),
      })
      .strict(),
    output: sessionViewSchema,
  },
} as const;
