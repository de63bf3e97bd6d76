/**
 * EPC binary encodings read from RFID tags, as hex (GS1 EPC Tag Data Standard): SGTIN-96 (header
 * 0x30) and SGTIN-198 (header 0x36). Other headers are recognised as EPCs we do not support.
 */
import { gs1CheckDigit } from './gtin';
import { inCharset } from './ai-value';
import { fail, type DecodeResult } from './result';

/** Company-prefix and item-reference widths (bits, digits) for partition values 0..6 (TDS table 14-2). */
const partitions: readonly (readonly [number, number, number, number])[] = [
  [40, 12, 4, 1],
  [37, 11, 7, 2],
  [34, 10, 10, 3],
  [30, 9, 14, 4],
  [27, 8, 17, 5],
  [24, 7, 20, 6],
  [20, 6, 24, 7],
];

const HEADER_SGTIN_96 = 0x30;
const HEADER_SGTIN_198 = 0x36;

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return text.length > 0;
}

/** Hex lengths of an EPC: 96 bits, and 198 bits padded to 200 (50) or to 13 words (52, as readers report EPC memory). */
export function isEpcHexLength(length: number): boolean {
  return length === 24 || length === 50 || length === 52;
}

/**
 * The hex digits of an EPC as readers report it: optional "EPC:" prefix, spaces allowed between
 * groups, any case. Undefined when `text` is not hex of an EPC length.
 */
export function epcHex(text: string): string | undefined {
  let hex = /^epc:/i.test(text) ? text.slice(4) : text;
  if (hex.includes(' ')) hex = hex.replaceAll(' ', '');
  return isEpcHexLength(hex.length) && isHex(hex) ? hex : undefined;
}

/** Reads `count` (≤ 48) bits starting at bit `offset` of the big-endian bit string. */
function readBits(bytes: Uint8Array, offset: number, count: number): number {
  let value = 0;
  for (let i = offset; i < offset + count; i++) {
    const bit = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
    value = value * 2 + bit;
  }
  return value;
}

function padded(value: number, digits: number): string | undefined {
  const text = String(value);
  return text.length > digits ? undefined : text.padStart(digits, '0');
}

/** TDS: these characters of a serial must be %-escaped in an EPC URI. */
const uriEscapes: Readonly<Record<string, string>> = {
  '"': '%22',
  '%': '%25',
  '&': '%26',
  '/': '%2F',
  '<': '%3C',
  '>': '%3E',
  '?': '%3F',
};

function escapeSerial(serial: string): string {
  let out = '';
  for (const ch of serial) out += uriEscapes[ch] ?? ch;
  return out;
}

/** SGTIN-198 serial: up to 20 seven-bit characters, zero-padded at the end. */
function readAsciiSerial(bytes: Uint8Array, offset: number): string | undefined {
  let serial = '';
  let ended = false;
  for (let i = 0; i < 20; i++) {
    const code = readBits(bytes, offset + i * 7, 7);
    if (code === 0) ended = true;
    else if (ended)
      return undefined; // data after the padding
    else serial += String.fromCharCode(code);
  }
  return serial;
}

/** Decodes an EPC from the hex produced by `epcHex` (24, 50 or 52 hex digits). */
export function decodeEpc(hex: string): DecodeResult {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const header = bytes[0] ?? 0;
  const scheme =
    header === HEADER_SGTIN_96 ? 'sgtin-96' : header === HEADER_SGTIN_198 ? 'sgtin-198' : undefined;
  if (scheme === undefined)
    return fail(
      'unsupported-epc',
      'this EPC scheme is not supported (only SGTIN-96 and SGTIN-198)',
    );
  if ((scheme === 'sgtin-96') !== (hex.length === 24)) {
    return fail('bad-length', `an ${scheme.toUpperCase()} EPC has the wrong number of bits`);
  }
  const filter = readBits(bytes, 8, 3);
  const partition = partitions[readBits(bytes, 11, 3)];
  if (!partition) return fail('bad-epc', 'the EPC partition value is invalid');
  const [companyBits, companyDigits, itemBits, itemDigits] = partition;
  const company = padded(readBits(bytes, 14, companyBits), companyDigits);
  const item = padded(readBits(bytes, 14 + companyBits, itemBits), itemDigits);
  if (company === undefined || item === undefined)
    return fail('bad-epc', 'the EPC company prefix or item reference is out of range');
  const serialOffset = 14 + companyBits + itemBits;
  let serial: string | undefined;
  if (scheme === 'sgtin-96') {
    serial = String(readBits(bytes, serialOffset, 38));
  } else {
    serial = readAsciiSerial(bytes, serialOffset);
    if (serial === undefined || serial.length === 0 || !inCharset(serial, 'X')) {
      return fail('bad-epc', 'the SGTIN-198 serial is not valid GS1 text');
    }
  }
  const gtin13 = `${item[0] ?? ''}${company}${item.slice(1)}`;
  const gtin = `${gtin13}${gs1CheckDigit(gtin13)}`;
  const uri = `urn:epc:id:sgtin:${company}.${item}.${escapeSerial(serial)}`;
  return { ok: true, kind: 'epc', scheme, filter, gtin, serial, uri };
}
