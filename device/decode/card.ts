/**
 * Magnetic-stripe cards (ISO/IEC 7813): track 1 "%B<PAN>^<NAME>^<YYMM><service>...?" and track 2
 * ";<PAN>=<YYMM><service>...?", each possibly followed by an LRC character, both tracks possibly
 * concatenated as a reader sends them. Track 2 is preferred when both are readable.
 *
 * Privacy guarantee: for a card outside the member BIN (a bank card) no output and no error
 * message contains the full card number or the cardholder name; only the first 6 and last 4
 * digits leave this module. Error messages never contain any part of the card data.
 */
import { isDigits } from './gtin';
import { fail, type DecodeResult } from './result';

export const DEFAULT_MEMBER_BIN = '628000';

/**
 * A member BIN: the 6 to 8 leading digits that mark our own member cards (ISO/IEC 7812 issuer
 * identification numbers have 6 or 8 digits). Anything shorter would match bank cards too — `4`
 * is every Visa card — and show their full number as a member's.
 */
export const memberBinPattern = /^\d{6,8}$/;

export function isMemberBin(text: unknown): boolean {
  return typeof text === 'string' && memberBinPattern.test(text);
}

/** Luhn (mod 10, ISO/IEC 7812-1) check over the whole PAN including its check digit. */
export function luhnValid(pan: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = pan.length - 1; i >= 0; i--) {
    let d = pan.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** First 6 and last 4 digits, the rest as '*'. */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

interface TrackData {
  track: 1 | 2;
  pan: string;
  expiry: string;
}

function validExpiry(yymm: string): boolean {
  if (!isDigits(yymm) || yymm.length !== 4) return false;
  const month = Number(yymm.slice(2));
  return month >= 1 && month <= 12;
}

/** Body between ';' and '?' of track 2. */
function parseTrack2(body: string): TrackData | undefined {
  const sep = body.indexOf('=');
  if (sep === -1) return undefined;
  const pan = body.slice(0, sep);
  const expiry = body.slice(sep + 1, sep + 5);
  return { track: 2, pan, expiry };
}

/** Body between '%' and '?' of track 1 (format code B). */
function parseTrack1(body: string): TrackData | undefined {
  if (body[0] !== 'B') return undefined;
  const first = body.indexOf('^');
  const second = first === -1 ? -1 : body.indexOf('^', first + 1);
  if (second === -1) return undefined;
  return { track: 1, pan: body.slice(1, first), expiry: body.slice(second + 1, second + 5) };
}

/** The text between a start sentinel at `start` and the next end sentinel '?', or undefined. */
function trackBody(text: string, start: number): string | undefined {
  if (start === -1) return undefined;
  const end = text.indexOf('?', start + 1);
  return end === -1 ? undefined : text.slice(start + 1, end);
}

function toResult(data: TrackData, memberBin: string | undefined): DecodeResult {
  const { pan, expiry, track } = data;
  if (!isDigits(pan) || pan.length < 12 || pan.length > 19)
    return fail('bad-card', 'the card number on the stripe is malformed');
  if (!luhnValid(pan))
    return fail('bad-card', 'the card number failed its check digit (card misread?)');
  if (!validExpiry(expiry))
    return fail('bad-card', 'the card expiry date on the stripe is malformed');
  if (memberBin !== undefined && pan.startsWith(memberBin)) {
    return { ok: true, kind: 'card', track, member: true, number: pan, expiry };
  }
  return { ok: true, kind: 'card', track, member: false, maskedNumber: maskPan(pan) };
}

/**
 * The member BIN to compare against, or undefined (treat every card as a bank card) when it is not
 * a member BIN: a bad option can hide a member card, never show a bank card.
 */
export function memberBinOf(option: string | undefined): string | undefined {
  if (option === undefined) return DEFAULT_MEMBER_BIN;
  return typeof option === 'string' && isMemberBin(option) ? option : undefined;
}

/** True when `text` starts with a track 1 or track 2 start sentinel. */
export function looksLikeTrack(text: string): boolean {
  return text[0] === '%' || text[0] === ';';
}

/** Decodes card-reader output; `memberBin` as returned by `memberBinOf`. */
export function decodeCard(text: string, memberBin: string | undefined): DecodeResult {
  // Track 2 starts after track 1's end sentinel (track 1 data may itself contain ';') at a ';'
  // followed by a digit: a ';' right after that sentinel may be track 1's LRC character.
  const end1 = text[0] === '%' ? text.indexOf('?') : -1;
  let start2 = text.indexOf(';', end1 + 1);
  while (start2 !== -1 && !isDigits(text[start2 + 1] ?? '')) start2 = text.indexOf(';', start2 + 1);
  if (start2 === -1 && text[0] === ';') start2 = 0;
  const body2 = trackBody(text, start2);
  const body1 = text[0] === '%' ? trackBody(text, 0) : undefined;
  const track2 = body2 === undefined ? undefined : parseTrack2(body2);
  const track1 = body1 === undefined ? undefined : parseTrack1(body1);
  if (!track2 && !track1) {
    const missingEnd =
      (text[0] === '%' && body1 === undefined) || (text[0] === ';' && body2 === undefined);
    return missingEnd
      ? fail('truncated', 'the card track has no end sentinel (swipe again)')
      : fail('bad-card', 'the card track is not in ISO 7813 format');
  }
  const fromTrack2 = track2 ? toResult(track2, memberBin) : undefined;
  if (fromTrack2?.ok) return fromTrack2;
  const fromTrack1 = track1 ? toResult(track1, memberBin) : undefined;
  if (fromTrack1?.ok) return fromTrack1;
  return fromTrack2 ?? fromTrack1 ?? fail('bad-card', 'the card track is not in ISO 7813 format');
}
