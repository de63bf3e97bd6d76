import type { FastifyReply } from 'fastify';
import { HQ_ERROR_STATUS, type HqErrorBody, type HqErrorCode } from '../../hq-api';

/** Sends the HQ API's error body with the status that belongs to its code. */
export function hqError(reply: FastifyReply, code: HqErrorCode, message: string): FastifyReply {
  const body: HqErrorBody = { error: { code, message } };
  return reply.code(HQ_ERROR_STATUS[code]).send(body);
}
