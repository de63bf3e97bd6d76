/**
 * NFC / RFID badge readers that type or send one card UID per line: hex ("04A2245A1B3C80",
 * "04:a2:24:5a", "04 A2 24 5A") or decimal ("0012345678", the 10-digit form of 125 kHz and
 * Wiegand readers). Every form is normalised to uppercase hex without separators.
 *
 * Guarantees: `parseUidLine` never throws; hex keeps its byte count (leading zero bytes
 * included); decimal becomes big-endian hex of at least 4 bytes. "Auto" reads a line of exactly
 * 10 digits as decimal (what such readers send); configure `format` when a reader sends 10 hex
 * digits without letters.
 */
import { DelimiterFramer } from '../framing/delimiter-framer';

export type UidFormat = 'auto' | 'hex' | 'decimal';

export type UidResult =
  { uid: string } | { error: 'empty' | 'invalid' | 'bad-length' | 'out-of-range'; message: string };

export interface UidLineOptions {
  format?: UidFormat;
  /** Accepted UID sizes in bytes, default 4..10 (ISO 14443 4/7/10, EM4100 5, ISO 15693 8). */
  minBytes?: number;
  maxBytes?: number;
}

const HEX_LINE = /^[0-9A-F]+$/;
const HEX_PAIRS = /^[0-9A-F]{2}([:\- ][0-9A-F]{2})+$/;
const DIGITS = /^[0-9]+$/;
const MAX_DECIMAL_DIGITS = 24; // 10 bytes

function fromHex(text: string, min: number, max: number): UidResult {
  const hex = text.replace(/[:\- ]/g, '');
  if (hex.length % 2 !== 0)
    return { error: 'invalid', message: 'hex UID has an odd number of digits' };
  const bytes = hex.length / 2;
  if (bytes < min || bytes > max) return { error: 'bad-length', message: `UID of ${bytes} bytes` };
  return { uid: hex };
}

function fromDecimal(text: string, max: number): UidResult {
  if (text.length > MAX_DECIMAL_DIGITS)
    return { error: 'out-of-range', message: 'decimal UID too long' };
  let hex = BigInt(text).toString(16).toUpperCase();
  if (hex.length % 2 === 1) hex = `0${hex}`;
  hex = hex.padStart(8, '0');
  if (hex.length / 2 > max)
    return { error: 'out-of-range', message: `decimal UID above ${max} bytes` };
  return { uid: hex };
}

/** Normalises one line (without its line ending) from a badge reader. */
export function parseUidLine(line: string, options: UidLineOptions = {}): UidResult {
  const format = options.format ?? 'auto';
  const min = options.minBytes ?? 4;
  const max = options.maxBytes ?? 10;
  const text = line.trim().toUpperCase();
  if (text.length === 0) return { error: 'empty', message: 'empty line' };
  if (text.length > 64) return { error: 'invalid', message: 'line too long for a UID' };
  const isDecimal = DIGITS.test(text);
  if (format === 'decimal' || (format === 'auto' && isDecimal && text.length === 10)) {
    if (!isDecimal) return { error: 'invalid', message: 'decimal UID has non-digit characters' };
    return fromDecimal(text, max);
  }
  if (HEX_LINE.test(text) || HEX_PAIRS.test(text)) return fromHex(text, min, max);
  return { error: 'invalid', message: 'not a hex or decimal UID' };
}

/** Bytes from a serial badge reader → one result per line (CR, LF or CR LF). */
export class UidLineReader {
  private readonly framer = new DelimiterFramer({
    suffix: ['\r\n', '\r', '\n'],
    maxFrameBytes: 128,
  });

  constructor(private readonly options: UidLineOptions = {}) {}

  push(chunk: Uint8Array): UidResult[] {
    return this.framer.push(chunk).map((frame) => this.toResult(frame));
  }

  flush(): UidResult[] {
    return this.framer.flush().map((frame) => this.toResult(frame));
  }

  private toResult(frame: { bytes: Uint8Array; error?: string }): UidResult {
    if (frame.error !== undefined) return { error: 'invalid', message: `line ${frame.error}` };
    let line = '';
    for (const b of frame.bytes) line += String.fromCharCode(b);
    return parseUidLine(line, this.options);
  }
}
