/**
 * The one catalogue of HTTP errors (CONVENTIONS 17): every non-2xx answer is the protocol's
 * `{error:{code,message,details?}}` with the status that belongs to its code; Fastify's own errors
 * (schema validation, bad JSON, oversized bodies) are mapped onto it by `handleError`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatZodError, type Failure } from '../../common/result';
import type { ErrorBody, ErrorCode } from '../../sync/protocol';

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  'device-revoked': 401,
  forbidden: 403,
  'invalid-enrollment-code': 401,
  'unknown-store': 404,
  'batch-too-large': 413,
  'seq-gap': 409,
  'epoch-retired': 409,
  'unknown-stream': 404,
  'member-not-found': 404,
  'not-found': 404,
  'rate-limited': 429,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Sends the protocol's error body with the status that belongs to its code. */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const body: ErrorBody = { error: details ? { code, message, details } : { code, message } };
  return reply.code(STATUS[code]).send(body);
}

/** Sends a service's failure (`result.error` of a CloudResult). */
export function sendFailure(reply: FastifyReply, failure: Failure<ErrorCode>): FastifyReply {
  return sendError(reply, failure.code, failure.message, failure.details);
}

/** 429 with Retry-After (seconds), as the kiosk's HTTP client reads it. */
export function sendRateLimited(reply: FastifyReply, retryAfterS: number, what: string) {
  void reply.header('retry-after', String(retryAfterS));
  return sendError(reply, 'rate-limited', `too many ${what}; retry in ${retryAfterS} s`);
}

/**
 * A request the route's zod schema refused, as one readable line. The issues are rebuilt into a
 * ZodError so every validator (ours, or a plugin that sets fastify-type-provider-zod's compilers
 * itself) reads the same through `formatZodError`.
 */
export function validationMessage(err: {
  validation?: FastifyError['validation'];
  validationContext?: string;
}): string {
  const issues = (err.validation ?? []).map((v) => ({
    code: 'custom' as const,
    path: v.instancePath
      .split('/')
      .filter((p) => p.length > 0)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    message: v.message ?? 'invalid',
    input: undefined,
  }));
  return `${err.validationContext ?? 'request'}: ${formatZodError(new z.ZodError(issues))}`;
}

/** Fastify's error handler: validation and client errors → `bad-request`; the rest → `internal`. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err))
    return sendError(reply, 'bad-request', validationMessage(err));
  if (err.statusCode === 413) return sendError(reply, 'bad-request', 'request body too large');
  if (err.statusCode !== undefined && err.statusCode < 500)
    return sendError(reply, 'bad-request', err.message);
  req.log.error({ err }, 'request failed');
  return sendError(reply, 'internal', 'internal error');
}
