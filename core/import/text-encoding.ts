/**
 * How the bytes of an import file become text. Store IT exports CSV from Excel: on a Chinese
 * Windows "CSV" is GB18030, "CSV UTF-8" is UTF-8 with a BOM, and other tools write UTF-8 without.
 *
 * The rule, in order (docs/media.md and README, "Import encodings"):
 * 1. a NUL byte anywhere, or a UTF-16 byte-order mark, is refused (not a text CSV);
 * 2. a UTF-8 BOM says UTF-8: the rest must be valid UTF-8;
 * 3. valid UTF-8 is UTF-8;
 * 4. otherwise GB18030, but only when it decodes without a replacement character, every character
 *    is text (no control, private-use or unassigned code point), and the non-ASCII bytes are not
 *    mostly well-formed UTF-8 sequences (that is a UTF-8 file with a few damaged bytes, which
 *    GB18030 would turn into plausible-looking Chinese mojibake);
 * 5. anything else is refused with the line of the first byte that is not UTF-8.
 */
import iconv from 'iconv-lite';
import { fail, ok, type Failure, type Result } from '../../common/result';

export type TextEncoding = 'utf-8' | 'gb18030';

/** The text and the encoding it was read in, or why not (`details.line`: the first bad line). */
export type DecodedText = Result<{ text: string; encoding: TextEncoding }, 'not-text'>;

/** The 1-based line a refusal names (0 when it names none). */
export function refusedLine(failure: Failure): number {
  const line = failure.details?.line;
  return typeof line === 'number' ? line : 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Not text: controls other than tab/CR/LF, unassigned, private use, surrogates, U+FFFD. */
const NOT_TEXT = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\uFFFD]/u;
const ALLOWED_CONTROLS = /[\t\r\n]/g;

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The length of a well-formed UTF-8 sequence starting at `i`, or 0 when there is none. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Non-ASCII bytes inside well-formed UTF-8 sequences, those outside, and the first bad offset. */
function utf8Census(bytes: Uint8Array): { inside: number; outside: number; firstBad: number } {
  let inside = 0;
  let outside = 0;
  let firstBad = -1;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 1) i += 1;
    else if (length > 1) {
      inside += length;
      i += length;
    } else {
      if (firstBad < 0) firstBad = i;
      outside += 1;
      i += 1;
    }
  }
  return { inside, outside, firstBad };
}

const refuse = (bytes: Uint8Array, offset: number, message: string): DecodedText =>
  fail('not-text', message, { line: lineAt(bytes, offset) });

export function decodeImportText(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return refuse(bytes, 0, 'is UTF-16 text: save it as "CSV UTF-8" (or CSV) instead');
  const nul = bytes.indexOf(0);
  if (nul >= 0) return refuse(bytes, nul, 'contains a NUL byte: this is not a CSV text file');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return ok({ text: strictUtf8.decode(body), encoding: 'utf-8' });
  } catch {
    // not UTF-8: see below
  }
  const census = utf8Census(body);
  const at = census.firstBad + (bom ? 3 : 0);
  if (bom) return refuse(bytes, at, 'has bytes that are not UTF-8 although it starts with a BOM');
  if (census.inside > census.outside)
    return refuse(bytes, at, 'has bytes that are not UTF-8 (a damaged UTF-8 file?)');
  const text = iconv.decode(Buffer.from(body), 'gb18030');
  const bad = NOT_TEXT.exec(text.replace(ALLOWED_CONTROLS, ' '));
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    return fail('not-text', 'is neither UTF-8 nor GB18030 text (save it as "CSV UTF-8")', {
      line,
    });
  }
  return ok({ text, encoding: 'gb18030' });
}
