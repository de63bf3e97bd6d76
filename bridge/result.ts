/**
 * The Result envelope every answer crosses the bridge in. Error codes are a closed list so the
 * renderer can map each one to a message a shopper understands.
 */
import { z } from 'zod';

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

export interface BridgeError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const bridgeErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string().max(2000),
});

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
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
