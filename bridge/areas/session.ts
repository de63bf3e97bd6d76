/** The session area: the visit the host keeps for this screen, and its end on idle. */
import { z } from 'zod';
import { sessionViewSchema } from '../views';
import { none } from './shared';

export const sessionMethods = {
  'session.current': { input: none, output: sessionViewSchema },
  /** A touch on the screen: keeps the visit alive. */
  'session.touch': { input: none, output: sessionViewSchema },
  /** "I'm done": ends the visit now and wipes it. */
  'session.end': { input: none, output: sessionViewSchema },
} as const;

export const sessionEvents = {
  'session.changed': sessionViewSchema,
  'session.expired': z.object({ sessionId: z.string(), reason: z.enum(['ended', 'idle']) }),
} as const;
