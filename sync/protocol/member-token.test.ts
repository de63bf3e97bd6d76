import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MEMBER_TOKEN_ISSUE_ALPHABET,
  MEMBER_TOKEN_LENGTH,
  MEMBER_TOKEN_RANDOM_BYTES,
  isMemberToken,
  memberTokenFromBytes,
} from './member-token';

describe('the member token format', () => {
  it('issues "MBR1." + 20 Crockford base32 characters: 100 random bits, all of them used', () => {
    expect(MEMBER_TOKEN_ISSUE_ALPHABET).toHaveLength(32);
    expect(MEMBER_TOKEN_LENGTH * Math.log2(MEMBER_TOKEN_ISSUE_ALPHABET.length)).toBe(100);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 13, maxLength: 13 }), (bytes) => {
        const token = memberTokenFromBytes(bytes);
        expect(token).toMatch(/^MBR1\.[0-9A-HJKMNP-TV-Z]{20}$/);
        expect(isMemberToken(token)).toBe(true);
      }),
    );
    // every bit reaches the token: flipping any one of the 100 changes it
    const base = new Uint8Array(MEMBER_TOKEN_RANDOM_BYTES);
    const seen = new Set([memberTokenFromBytes(base)]);
    for (let bit = 0; bit < 100; bit++) {
      const flipped = base.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
      seen.add(memberTokenFromBytes(flipped));
    }
    expect(seen.size).toBe(101);
    expect(() => memberTokenFromBytes(randomBytes(12))).toThrow(RangeError);
  });

  it('reads the demo tokens (which use L and U) and refuses other lengths and I or O', () => {
    expect(isMemberToken('MBR1.4N433GGMT6TCPAR4CTQP')).toBe(true);
    expect(isMemberToken('MBR1.9LJU85925359E5D3VXDJ')).toBe(true);
    expect(isMemberToken(`MBR1.${'A'.repeat(24)}`)).toBe(false); // what the cloud issued before
    expect(isMemberToken(`MBR1.${'O'.repeat(20)}`)).toBe(false);
    expect(isMemberToken(`mbr1.${'A'.repeat(20)}`)).toBe(false);
  });
});
