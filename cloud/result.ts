import type { ErrorCode } from '../sync/protocol';

/** Outcome of a service call: a value, or a protocol error code the route turns into a status. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> => (details ? { ok: false, code, message, details } : { ok: false, code, message });
