import { z } from 'zod';

export const StoreIdSchema = z.string().regex(/^[A-Z0-9_-]{1,32}$/);

/** Admin: create a one-time enrollment code for a store. */
export const CreateEnrollmentCodeRequestSchema = z.object({
  storeId: StoreIdSchema,
  /** Lifetime of the code; default 900 s (15 min). */
  ttlSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
});
export const CreateEnrollmentCodeResponseSchema = z.object({
  code: z.string(),
  storeId: StoreIdSchema,
  expiresAt: z.string(),
});

export const EnrollRequestSchema = z.object({
  code: z.string().min(4).max(64),
  deviceName: z.string().min(1).max(100),
  role: z.enum(['mirror', 'checkout', 'staff']).optional(),
});
export const EnrollResponseSchema = z.object({
  deviceId: z.string(),
  storeId: StoreIdSchema,
  token: z.string(),
  /** The epoch the server expects first; a kiosk may start its own (see push). */
  epoch: z.string().nullable(),
  lastSeq: z.number().int(),
});

export const RotateTokenResponseSchema = z.object({
  token: z.string(),
  /** Until this instant the previous token is still accepted (grace period). */
  previousTokenValidUntil: z.string(),
});

export const RevokeDeviceResponseSchema = z.object({ deviceId: z.string(), revokedAt: z.string() });

export type CreateEnrollmentCodeRequest = z.infer<typeof CreateEnrollmentCodeRequestSchema>;
export type CreateEnrollmentCodeResponse = z.infer<typeof CreateEnrollmentCodeResponseSchema>;
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;
export type RotateTokenResponse = z.infer<typeof RotateTokenResponseSchema>;
