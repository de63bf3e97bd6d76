import { z } from 'zod';

/**
 * The closed list of error codes the cloud answers with. Every non-2xx response body is
 * `{ error: { code, message, details? } }` with one of these codes.
 */
export const ERROR_CODES = [
  'bad-request', // body or query failed its schema
  'unauthorized', // missing, unknown or expired token
  'device-revoked', // the device was revoked by an admin
  'forbidden', // admin token wrong, or device id in the body is not the token's device
  'invalid-enrollment-code', // unknown, used or expired one-time code
  'unknown-store',
  'batch-too-large', // more than MAX_PUSH_BATCH mutations
  'seq-gap', // first seq of the batch is beyond lastSeq + 1, or the batch is not contiguous
  'epoch-retired', // the push names an epoch this device already left
  'unknown-stream',
  'member-not-found',
  'not-found',
  'rate-limited', // too many requests of this kind from this device or address: see Retry-After
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Codes of business rejections: the mutation is acknowledged (seq advances) but had no effect. */
export const REJECTION_CODES = [
  'points-overdrawn',
  'coupon-already-used',
  'coupon-not-found',
  'coupon-not-valid',
  'member-not-found',
  'out-of-stock',
  'member-not-present', // a member of another store without a valid presence ticket (member.ts)
  'unknown-mutation', // name+version this server does not know: parked, never retried
  'invalid-args', // args failed the schema of name+version: parked, never retried
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
export const RejectionCodeSchema = z.enum(REJECTION_CODES);
