/**
 * Frames on the WebSocket transport, each with its schema: inbound frames are untrusted and parsed
 * with these, and the renderer parses what the host sends the same way (a frame that does not fit
 * is dropped, never half-read).
 */
import { z } from 'zod';
import { resultSchema } from './result';

export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  m: z.string().max(100),
  p: z.unknown().optional(),
});
export type CallFrame = z.output<typeof callFrameSchema>;

export const resultFrameSchema = z.object({
  t: z.literal('res'),
  id: z.number().nullable(),
  r: resultSchema,
});
export const eventFrameSchema = z.object({ t: z.literal('ev'), e: z.string(), p: z.unknown() });
export const hostFrameSchema = z.discriminatedUnion('t', [resultFrameSchema, eventFrameSchema]);
export type HostFrame = z.output<typeof hostFrameSchema>;

/**
 * The WebSocket's subprotocols. A browser cannot set headers on a WebSocket, so the page offers
 * two subprotocols: the bridge's, which the host selects, and the session token as
 * `<tokenProtocolPrefix><token>`, which the host checks before the upgrade (Kubernetes carries its
 * bearer token the same way). The token never comes back in the answer.
 */
export const bridgeProtocol = 'seed-kiosk.bridge.v1';
export const tokenProtocolPrefix = 'seed-kiosk.token.';

/** A session token's form: base64url, as the host makes it (a subprotocol allows no other). */
export function isSessionToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{16,128}$/.test(text);
}

/** The subprotocols a client offers with `token` (a session token: see `isSessionToken`). */
export function clientProtocols(token: string): string[] {
  return [bridgeProtocol, tokenProtocolPrefix + token];
}
