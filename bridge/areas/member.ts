/** The member area: sign-in by a typed card number or a member QR token decoded by the camera. */
import { z } from 'zod';
import { sessionViewSchema } from '../views';

export const memberMethods = {
  'member.identify': {
    input: z.object({ kind: z.enum(['card', 'qr']), value: z.string().min(1).max(128) }).strict(),
    output: sessionViewSchema,
  },
} as const;
