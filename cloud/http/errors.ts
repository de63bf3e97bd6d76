import type { FastifyReply } from 'fastify';
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
