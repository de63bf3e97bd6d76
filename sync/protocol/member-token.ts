/**
 * The member QR token, defined once for its issuer (the cloud, when a member joins) and its reader
 * (the kiosk's decoder): "MBR1." and 20 characters. Readers accept digits and upper-case letters
 * except I and O; the cloud issues from Crockford base32 (also without L and U), 5 random bits a
 * character, 100 bits a token. Pure and dependency-free: the device layer imports it.
 */

export const MEMBER_TOKEN_PREFIX = 'MBR1.';
/** Characters after the prefix. */
export const MEMBER_TOKEN_LENGTH = 20;
/** What a reader accepts after the prefix (upper case). */
export const MEMBER_TOKEN_BODY = /^[0-9A-HJ-NP-Z]{20}$/;
/** The tokens the cloud issues: Crockford base32, a power of two so every symbol is equally likely. */
export const MEMBER_TOKEN_ISSUE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bytes `memberTokenFromBytes` needs (20 × 5 bits = 100 bits). */
export const MEMBER_TOKEN_RANDOM_BYTES = 13;

/** True for a whole token in the canonical (upper-case) form. */
export function isMemberToken(text: string): boolean {
  return (
    text.startsWith(MEMBER_TOKEN_PREFIX) &&
    MEMBER_TOKEN_BODY.test(text.slice(MEMBER_TOKEN_PREFIX.length))
  );
}

/** A new token from MEMBER_TOKEN_RANDOM_BYTES random bytes (the caller's CSPRNG). */
export function memberTokenFromBytes(bytes: Uint8Array): string {
  if (bytes.length < MEMBER_TOKEN_RANDOM_BYTES)
    throw new RangeError(`a member token needs ${MEMBER_TOKEN_RANDOM_BYTES} random bytes`);
  let body = '';
  for (let i = 0; i < MEMBER_TOKEN_LENGTH; i++) {
    const bit = i * 5;
    const pair = ((bytes[bit >> 3] ?? 0) << 8) | (bytes[(bit >> 3) + 1] ?? 0);
    body += MEMBER_TOKEN_ISSUE_ALPHABET[(pair >> (11 - (bit & 7))) & 31];
  }
  return `${MEMBER_TOKEN_PREFIX}${body}`;
}
