/**
 * The bridge's answers: the one Result shape of common/result.ts, closed over the bridge's list of
 * error codes so the renderer can map each one to a message a shopper understands.
 */
import { z } from 'zod';
import { fail, ok, type Err, type Failure, type Result as CommonResult } from '../common/result';

export const errorCodes = [
  'bad-request',
  'unknown-method',
  'not-found',
  'conflict',
  'forbidden',
  'unavailable',
  'device-error',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type BridgeError = Failure<ErrorCode>;
export type Result<T> = CommonResult<T, ErrorCode>;

export const bridgeErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string().max(2000),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Any answer as it crosses a transport (the value is checked by the method's own schema). */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: bridgeErrorSchema }),
]);

export { ok };

/** An error answer with one of the bridge's codes. */
export function err(code: ErrorCode, message: string): Err<ErrorCode> {
  return fail(code, message);
}

/** A domain error with a stable code; the bridge server turns it into an error Result. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskError';
  }
}
