/**
 * The one decoder behind every input path (serial/HID scanners, keyboard wedge, camera, RFID,
 * card reader). Pure, allocation-light, and it never throws: any input gives a `DecodeResult`.
 *
 * Order of recognition (first match wins; see docs/decoding.md):
 *  0. Bytes → text (UTF-8, invalid sequences become replacement characters). More than
 *     4096 bytes → `too-long`. Leading/trailing spaces, tabs, CR and LF are dropped (scanner
 *     suffixes); GS is kept. Nothing left → `empty`.
 *  1. An AIM identifier at the start (or `symbologyHint`) decides how to read the data:
 *     ]E0 EAN-13/UPC-A (7 or 8 digits = UPC-E), ]E4 EAN-8, ]E1/]E2 add-on alone, ]E3 main + add-on,
 *     ]I0/]I1 with 14 digits ITF-14, ]C1 ]d2 ]Q3 ]e0 ]J1 GS1 element string. Any other identifier
 *     only names the symbology and the content rules below apply.
 *  2. Content rules, in this order:
 *     a. '%' or ';' first → magnetic-stripe card tracks (so card data never reaches the digit rules).
 *     b. http:// or https:// → GS1 Digital Link (a URI without AIs → `unknown-format`).
 *     c. "MBR1." → member token; "BADGE-" → staff badge (prefixes case-insensitive).
 *     d. GS first (FNC1 sent as GS) → element string; "(NN)" first → bracketed element string.
 *     e. All digits:
 *        - 18 digits starting 10-15 / 25-30 → payment code (before any GS1 reading: a bare
 *          element string starting with AI 10 is implausible, a payment code is common);
 *        - 7 digits → UPC-E without check digit (number system 0/1); 8 → UPC-E if it starts 0/1
 *          and is valid as UPC-E, else EAN-8; 12, 13, 14 → UPC-A, EAN-13, GTIN-14 (check digit
 *          validated; 14 digits are always a GTIN-14, never "01" + 12);
 *        - 24 digits starting "30" / 50 or 52 digits starting "36" → EPC (SGTIN-96 / -198 hex:
 *          an element string of those lengths starting with AI 30 is impossible, with 36nn rare);
 *        - 16 or more digits → GS1 element string without FNC1 ("01" + GTIN + more AIs);
 *          when no AI is recognised at the start → `unknown-format`.
 *     f. 24, 50 or 52 hex digits (optional "EPC:" prefix, spaces allowed) → EPC.
 *     g. Digits containing GS → element string.
 *     h. Anything else → `bad-character` if it holds control characters, else `unknown-format`.
 */
import { hasAimPrefix, parseAim, type Aim } from './aim';
import { decodeCard, looksLikeTrack, memberBinOf } from './card';
import { decodeDigitalLink, looksLikeWebUri } from './digital-link';
import { decodeEpc, epcHex } from './epc';
import { gs1Result, GS, parseBracketed, parseElementString } from './element-string';
import { findAi } from './gs1-ais';
import { bareGtinResult, gtinResult, isDigits, upcEResult } from './gtin';
import { fail, type DecodeOptions, type DecodeResult } from './result';
import {
  BADGE_PREFIX,
  decodeMemberToken,
  decodeStaffBadge,
  MEMBER_PREFIX,
  paymentProvider,
  startsWithIgnoreCase,
} from './tokens';
import { inputToText, trimScannerSuffix } from './text';

/** Decodes one scan / tag read / card swipe. Never throws; see the module comment for the rules. */
export function decode(input: Uint8Array | string, options?: DecodeOptions): DecodeResult {
  try {
    return decodeText(input, options ?? {});
  } catch {
    // Defensive only: no known input reaches here. Never echo the data (it may be a card).
    return fail('unknown-format', 'the scan could not be read');
  }
}

function decodeText(input: Uint8Array | string, options: DecodeOptions): DecodeResult {
  const raw = inputToText(input);
  if (typeof raw !== 'string') return raw;
  let text = trimScannerSuffix(raw);
  if (text.length === 0) return fail('empty', 'nothing was scanned');
  let aim: Aim | undefined;
  if (hasAimPrefix(text)) {
    aim = parseAim(text);
    text = text.slice(3);
    if (text.length === 0)
      return fail('empty', 'the scan holds a symbology identifier but no data');
  } else if (
    typeof options.symbologyHint === 'string' &&
    options.symbologyHint.length === 3 &&
    hasAimPrefix(options.symbologyHint)
  ) {
    aim = parseAim(options.symbologyHint);
  }
  return aim ? byAim(text, aim, options) : byContent(text, undefined, options);
}

function byAim(text: string, aim: Aim, options: DecodeOptions): DecodeResult {
  switch (aim.mode) {
    case 'gs1': {
      const body = text.charCodeAt(0) === 0x1d ? text.slice(1) : text;
      return gs1Result(parseElementString(body), aim.symbology);
    }
    case 'ean':
      if (!isDigits(text)) return fail('bad-character', 'an EAN/UPC code holds only digits');
      if (text.length === 7 || text.length === 8) return upcEResult(text); // UPC-E, check digit optional
      if (text.length === 12) return gtinResult(text, 'UPC-A');
      if (text.length === 13) return gtinResult(text, text[0] === '0' ? 'UPC-A' : 'EAN-13');
      return fail('bad-length', 'an EAN-13/UPC code has 7 or 8 (UPC-E), 12 or 13 digits');
    case 'ean-8':
      if (!isDigits(text)) return fail('bad-character', 'an EAN-8 code holds only digits');
      return text.length === 8
        ? gtinResult(text, 'EAN-8')
        : fail('bad-length', 'an EAN-8 code has 8 digits');
    case 'add-on': {
      const size = aim.symbology === 'EAN-2' ? 2 : 5;
      if (!isDigits(text)) return fail('bad-character', 'an add-on holds only digits');
      if (text.length !== size)
        return fail('bad-length', `an ${aim.symbology} add-on has ${size} digits`);
      return {
        ok: true,
        kind: 'add-on',
        symbology: aim.symbology === 'EAN-2' ? 'EAN-2' : 'EAN-5',
        addOn: text,
      };
    }
    case 'ean-with-add-on':
      return withAddOn(text);
    case 'itf':
      if (isDigits(text) && text.length === 14) return gtinResult(text, 'ITF-14');
      return byContent(text, 'ITF', options);
    case 'generic':
      return byContent(text, aim.symbology, options);
  }
}

/** ]E3: main symbol (13 digits, or 8 for UPC-E) immediately followed by a 2- or 5-digit add-on. */
function withAddOn(text: string): DecodeResult {
  if (!isDigits(text)) return fail('bad-character', 'an EAN/UPC code holds only digits');
  const n = text.length;
  const mainLength = n === 15 || n === 18 ? 13 : n === 10 || n === 13 ? 8 : 0;
  if (mainLength === 0)
    return fail('bad-length', 'an EAN/UPC code with add-on has 10, 13, 15 or 18 digits');
  const main = text.slice(0, mainLength);
  const result =
    mainLength === 8 ? upcEResult(main) : gtinResult(main, main[0] === '0' ? 'UPC-A' : 'EAN-13');
  if (!result.ok || result.kind !== 'gtin') return result;
  return { ...result, addOn: text.slice(mainLength) };
}

function byContent(
  text: string,
  symbology: string | undefined,
  options: DecodeOptions,
): DecodeResult {
  if (looksLikeTrack(text)) return decodeCard(text, memberBinOf(options.memberBin));
  if (looksLikeWebUri(text)) return decodeDigitalLink(text, symbology);
  if (startsWithIgnoreCase(text, MEMBER_PREFIX)) return decodeMemberToken(text);
  if (startsWithIgnoreCase(text, BADGE_PREFIX)) return decodeStaffBadge(text);
  const first = text.charCodeAt(0);
  if (first === 0x1d) return gs1Result(parseElementString(text.slice(1)), symbology ?? 'GS1');
  if (first === 0x28 /* ( */) return gs1Result(parseBracketed(text), symbology ?? 'GS1');
  if (isDigits(text)) return byDigits(text, symbology);
  const hex = epcHex(text);
  if (hex !== undefined) return decodeEpc(hex);
  if (first >= 0x30 && first <= 0x39 && text.includes(GS))
    return gs1Result(parseElementString(text), symbology ?? 'GS1');
  if (/^epc:/i.test(text)) return fail('bad-length', 'an EPC has 24, 50 or 52 hex digits');
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(text))
    return fail('bad-character', 'the scan contains control characters');
  return fail('unknown-format', 'not a code this kiosk reads');
}

function byDigits(text: string, symbology: string | undefined): DecodeResult {
  const n = text.length;
  const provider = paymentProvider(text);
  if (provider) return { ok: true, kind: 'payment-code', provider, code: text };
  const asGtin = bareGtinResult(text);
  if (asGtin)
    return asGtin.ok && asGtin.kind === 'gtin' && symbology ? { ...asGtin, symbology } : asGtin;
  if ((n === 24 && text.startsWith('30')) || ((n === 50 || n === 52) && text.startsWith('36')))
    return decodeEpc(text);
  if (n >= 16) {
    if (findAi(text, 0)) return gs1Result(parseElementString(text), symbology ?? 'GS1');
  }
  return fail('unknown-format', 'a number this kiosk does not read');
}
