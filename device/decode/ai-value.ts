/**
 * Validates one AI's value against its definition: length, character set (CSET 82 / 39 / 64),
 * check digits, dates and ISO code shape. Shared by element strings and Digital Link URIs.
 */
import type { AiComponent, AiDefinition, Charset } from './gs1-ais';
import { hasValidCheckDigit } from './gtin';
import { fail, type DecodeError } from './result';

// Lookup tables indexed by char code (0..127): 1 when the character is in the set.
function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digitChars = '0123456789';
const sets: Record<Charset, Uint8Array> = {
  N: charTable(digitChars),
  X: charTable(`!"%&'()*+,-./${digitChars}:;<=>?${upper}_${upper.toLowerCase()}`),
  Y: charTable(`#-/${digitChars}${upper}`),
  Z: charTable(`${digitChars}${upper}${upper.toLowerCase()}-_=`),
};

/** True when every character of `text[from..to)` belongs to `charset`. */
export function inCharset(text: string, charset: Charset, from = 0, to = text.length): boolean {
  const table = sets[charset];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 || table[c] !== 1) return false;
  }
  return true;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/**
 * YYMMDD with DD = 00 meaning "end of month". The century is not needed: within 1901-2099 a year
 * is leap exactly when YY is divisible by 4.
 */
export function isValidYymmdd(text: string, at = 0): boolean {
  const yy = twoDigits(text, at);
  const mm = twoDigits(text, at + 2);
  const dd = twoDigits(text, at + 4);
  if (mm < 1 || mm > 12) return false;
  const max = mm === 2 && yy % 4 !== 0 ? 28 : (daysInMonth[mm - 1] ?? 0);
  return dd <= max;
}

function validDate(value: string, kind: NonNullable<AiComponent['date']>): boolean {
  if (!isValidYymmdd(value)) return false;
  if (kind === 'yymmdd') return true;
  if (twoDigits(value, 4) === 0) return false; // a date-time needs a real day
  if (twoDigits(value, 6) > 23) return false;
  return kind === 'yymmddhh' || twoDigits(value, 8) <= 59;
}

function checkComponent(ai: string, c: AiComponent, part: string): DecodeError | undefined {
  if (!inCharset(part, c.charset)) {
    return fail(
      'bad-character',
      `AI (${ai}) contains a character its character set does not allow`,
    );
  }
  if (c.check && !hasValidCheckDigit(part))
    return fail('bad-check-digit', `AI (${ai}) has a wrong check digit`);
  if (c.date && part.length > 0 && (part.length !== c.max || !validDate(part, c.date))) {
    return fail('bad-date', `AI (${ai}) is not a valid date`);
  }
  if (c.isoCode && part === '000') return fail('bad-ai', `AI (${ai}) has no valid ISO code`);
  return undefined;
}

/** Undefined when `value` is a valid value for `def`, else the reason it is not. */
export function validateAiValue(def: AiDefinition, value: string): DecodeError | undefined {
  if (value.length < def.minLength || value.length > def.maxLength) {
    return fail('bad-length', `AI (${def.ai}) must be ${lengthText(def)} long`);
  }
  let at = 0;
  const last = def.components.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = def.components[i];
    if (!c) break;
    // Only the last component varies in length; the ones before it are fixed.
    const end = i === last ? value.length : at + c.max;
    const part = value.slice(at, end);
    const problem = checkComponent(def.ai, c, part);
    if (problem) return problem;
    at = end;
  }
  return undefined;
}

function lengthText(def: AiDefinition): string {
  return def.minLength === def.maxLength
    ? `${def.maxLength} characters`
    : `${def.minLength} to ${def.maxLength} characters`;
}
