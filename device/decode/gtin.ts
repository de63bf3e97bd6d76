/**
 * GTIN family: the GS1 mod-10 check digit, EAN-8/EAN-13/UPC-A/GTIN-14 validation, and UPC-E
 * zero-suppression expansion. Everything works on digit strings already known to be all digits.
 */
import { fail, type DecodeResult } from './result';

/** True when every character of `text` is an ASCII digit (and there is at least one). */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** GS1 mod-10 check digit of `digits[0..end)`: weights 3,1,3,... from the right. */
export function gs1CheckDigit(digits: string, end = digits.length): number {
  let sum = 0;
  let weight = 3;
  for (let i = end - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 check digit of the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  return (
    digits.length >= 2 &&
    gs1CheckDigit(digits, digits.length - 1) === digits.charCodeAt(digits.length - 1) - 48
  );
}

const zeros = '00000000000000';

/** Left-pads an 8/12/13/14-digit GTIN to the 14-digit form. */
export function toGtin14(digits: string): string {
  return digits.length >= 14 ? digits : zeros.slice(digits.length) + digits;
}

/**
 * Expands the 6 data digits of a UPC-E symbol (number system 0 or 1) to the 11 digits of the
 * UPC-A it stands for, without its check digit. Rule by the last data digit (GS1 GenSpecs 5.2.2.4.2).
 */
export function expandUpcE(numberSystem: string, six: string): string {
  const d = six;
  const last = d.charCodeAt(5) - 48;
  let body: string;
  if (last <= 2) body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === 3) body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === 4) body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return numberSystem + body;
}

/** Validates a 8/12/13/14-digit GTIN and wraps it as a result with the given symbology name. */
export function gtinResult(digits: string, symbology: string): DecodeResult {
  if (!hasValidCheckDigit(digits))
    return fail('bad-check-digit', `the ${symbology} check digit does not match`);
  return { ok: true, kind: 'gtin', symbology, gtin: toGtin14(digits) };
}

/**
 * A UPC-E symbol as scanners send it: 8 digits (number system + 6 + check) or 7 digits (number
 * system + 6, check digit not transmitted). Only number systems 0 and 1 exist.
 */
export function upcEResult(digits: string): DecodeResult {
  const ns = digits[0];
  if (ns !== '0' && ns !== '1')
    return fail('bad-character', 'a UPC-E code must start with number system 0 or 1');
  const upcA11 = expandUpcE(ns, digits.slice(1, 7));
  const check = gs1CheckDigit(upcA11);
  if (digits.length === 8 && digits.charCodeAt(7) - 48 !== check) {
    return fail('bad-check-digit', 'the UPC-E check digit does not match');
  }
  return { ok: true, kind: 'gtin', symbology: 'UPC-E', gtin: `00${upcA11}${check}` };
}

/** Symbology name of a bare GTIN inferred from its length (no AIM identifier). */
export function symbologyForLength(length: number): string | undefined {
  switch (length) {
    case 8:
      return 'EAN-8';
    case 12:
      return 'UPC-A';
    case 13:
      return 'EAN-13';
    case 14:
      return 'GTIN-14';
    default:
      return undefined;
  }
}

/**
 * A bare run of 7, 8, 12, 13 or 14 digits read as a GTIN. An 8-digit code starting with 0 or 1 is
 * UPC-E when that reading's check digit holds, else EAN-8. About one such code in ten is valid
 * both ways: UPC-E wins because GS1 keeps EAN-8 prefix 0 for restricted (in-store) circulation and
 * prefix 1 belongs to GS1 US, which issues UPC-E rather than EAN-8. ]E0/]E4 settle it for sure.
 */
export function bareGtinResult(digits: string): DecodeResult | undefined {
  const n = digits.length;
  if (n === 7) return digits[0] === '0' || digits[0] === '1' ? upcEResult(digits) : undefined;
  if (n === 8 && (digits[0] === '0' || digits[0] === '1')) {
    const asUpcE = upcEResult(digits);
    if (asUpcE.ok) return asUpcE;
  }
  const symbology = symbologyForLength(n);
  return symbology ? gtinResult(digits, symbology) : undefined;
}
