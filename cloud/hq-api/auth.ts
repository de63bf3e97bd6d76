/** Signing in to the console: the user, the login call and the session it opens. */
import { z } from 'zod';
import { HQ_VIEWS, HqRoleSchema, StoreIdSchema } from './common';

export const HqUserSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: HqRoleSchema,
    storeId: StoreIdSchema.nullable().describe("A store manager's store; null for the other roles"),
    views: z.array(z.enum(HQ_VIEWS)).describe('The views this user may open'),
  })
  .meta({ id: 'HqUser' });
export type HqUser = z.infer<typeof HqUserSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 characters: letters, digits, . _ -');

export const LoginRequestSchema = z
  .object({
    username: UsernameSchema,
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'HqLoginRequest' });

export const SessionResponseSchema = z
  .object({
    user: HqUserSchema,
    csrfToken: z.string().describe('Send it back in the x-hq-csrf header with every write'),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'HqSession' });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const LogoutResponseSchema = z.object({ ok: z.literal(true) });
