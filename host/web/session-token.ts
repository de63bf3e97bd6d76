/**
 * The web shell's session token: 256 random bits made at each start, handed to the page in the URL
 * fragment (which no request carries) and presented by the page as a WebSocket subprotocol.
 * Comparison is in constant time, over SHA-256 digests so that a wrong length says nothing either.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tokenProtocolPrefix } from '../../bridge/wire';

export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token offered in a `Sec-WebSocket-Protocol` header, or null when none is. */
export function offeredToken(header: string | undefined): string | null {
  const offered = (header ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith(tokenProtocolPrefix));
  return offered === undefined ? null : offered.slice(tokenProtocolPrefix.length);
}

/** The URL the page is opened with: the token rides in the fragment, `#t=<token>`. */
export function urlWithToken(baseUrl: string, token: string): string {
  return `${baseUrl}#t=${token}`;
}
