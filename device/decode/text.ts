/**
 * Turning raw scanner bytes into text: UTF-8 with replacement characters for invalid sequences
 * (TextDecoder is the fastest path here, even for pure ASCII), and a hard size limit.
 */
import { fail, type DecodeError } from './result';

export const MAX_INPUT_BYTES = 4096;

const utf8 = new TextDecoder('utf-8', { fatal: false });

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair; a lone surrogate is counted generously
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The input as text, or `too-long` / `unknown-format` for oversized or non-byte input. */
export function inputToText(input: unknown): string | DecodeError {
  if (typeof input === 'string') {
    if (
      input.length > MAX_INPUT_BYTES ||
      (input.length * 3 > MAX_INPUT_BYTES && utf8Length(input) > MAX_INPUT_BYTES)
    ) {
      return fail('too-long', `the scan is longer than ${MAX_INPUT_BYTES} bytes`);
    }
    return input;
  }
  if (!(input instanceof Uint8Array))
    return fail('unknown-format', 'the scan is neither bytes nor text');
  if (input.length > MAX_INPUT_BYTES)
    return fail('too-long', `the scan is longer than ${MAX_INPUT_BYTES} bytes`);
  return utf8.decode(input);
}

function isTrimmable(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Drops spaces, tabs, CR and LF at both ends (scanner prefixes/suffixes); keeps GS and all else. */
export function trimScannerSuffix(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
