/**
 * Our own printed/on-screen codes and mobile payment codes: member QR tokens (the format of
 * sync/protocol/member-token.ts, which the cloud issues from), staff badges ("BADGE-" + 4..8 digits), and 18-digit WeChat Pay / Alipay
 * payment codes (prefixes 10-15 and 25-30). Prefixes are matched case-insensitively because a
 * keyboard-wedge scanner on a caps-locked host inverts letter case; output is upper case.
 */
import {
  MEMBER_TOKEN_BODY,
  MEMBER_TOKEN_LENGTH,
  MEMBER_TOKEN_PREFIX,
} from '../../sync/protocol/member-token';
import { isDigits } from './gtin';
import { fail, type DecodeResult } from './result';

export const MEMBER_PREFIX = MEMBER_TOKEN_PREFIX;
export const BADGE_PREFIX = 'BADGE-';

/** `prefix` is upper case; compares without allocating (this runs for every scan). */
export function startsWithIgnoreCase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

export function decodeMemberToken(text: string): DecodeResult {
  const body = text.slice(MEMBER_PREFIX.length).toUpperCase();
  if (body.length !== MEMBER_TOKEN_LENGTH)
    return fail(
      'bad-length',
      `a member code has ${MEMBER_TOKEN_LENGTH} characters after "${MEMBER_PREFIX}"`,
    );
  if (!MEMBER_TOKEN_BODY.test(body))
    return fail('bad-character', 'a member code contains a character outside its alphabet');
  return { ok: true, kind: 'member', token: `${MEMBER_PREFIX}${body}` };
}

export function decodeStaffBadge(text: string): DecodeResult {
  const number = text.slice(BADGE_PREFIX.length);
  if (!isDigits(number))
    return fail('bad-character', 'a staff badge number has only digits after "BADGE-"');
  if (number.length < 4 || number.length > 8)
    return fail('bad-length', 'a staff badge number has 4 to 8 digits');
  return { ok: true, kind: 'staff-badge', badge: `${BADGE_PREFIX}${number}` };
}

/** The payment provider for an 18-digit code by its first two digits, if it is one. */
export function paymentProvider(digits: string): 'wechat' | 'alipay' | undefined {
  if (digits.length !== 18) return undefined;
  const head = (digits.charCodeAt(0) - 48) * 10 + (digits.charCodeAt(1) - 48);
  if (head >= 10 && head <= 15) return 'wechat';
  if (head >= 25 && head <= 30) return 'alipay';
  return undefined;
}
