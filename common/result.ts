/**
 * The one Result shape of the whole code base: the bridge's answers, the cloud's services and the
 * domain rules all return `{ok:true,value}` or `{ok:false,error:{code,message,details?}}`. Each
 * layer closes `C` over its own list of codes (the bridge's, the sync protocol's, …).
 */
import { z } from 'zod';

export interface Failure<C extends string = string> {
  readonly code: C;
  readonly message: string;
  /** Machine-readable context for the caller (never personal values). */
  readonly details?: Record<string, unknown>;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = { readonly ok: false; readonly error: Failure<C> };
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function fail<C extends string>(
  code: C,
  message: string,
  details?: Record<string, unknown>,
): Err<C> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/**
 * The one way a zod error becomes text: zod's own `prettifyError`, folded onto one line so it fits
 * a log field, a CLI message or an HTTP error body ("✖ msg → at path; ✖ …").
 */
export function formatZodError(error: z.ZodError): string {
  return z
    .prettifyError(error)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ')
    .replace(/ ✖/g, '; ✖');
}
