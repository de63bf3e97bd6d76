/**
 * A small ESC/POS builder for Epson-compatible receipt printers, with GB18030 text for Chinese
 * printers. Chainable; `encode()` returns the bytes. Why our own and not esc-pos-encoder: see
 * docs/devices/printer.md. Guarantees: the output decodes back through EscPosDecoder to the same
 * commands and text; bad arguments (a non-ASCII Code 128, an out-of-range size) are a RangeError at
 * the call that made them, never silently wrong bytes.
 */
import iconv from 'iconv-lite';
import {
  ALIGNS,
  BARCODE_CODE128,
  CUT_PARTIAL_FEED,
  ESC,
  FS,
  GS,
  HRI_POSITIONS,
  LF,
  QR_EC,
  type Align,
  type HriPosition,
  type QrErrorCorrection,
} from './escpos-commands';

export type TextEncoding = 'gb18030' | 'ascii';

export interface QrOptions {
  /** Module (dot) size 1..16; 6 prints a ~25 mm code for a URL on 80 mm paper. */
  moduleSize?: number;
  errorCorrection?: QrErrorCorrection;
}

export interface Code128Options {
  /** Bar height in dots 1..255. */
  height?: number;
  /** Module width 2..6. */
  width?: number;
  hri?: HriPosition;
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer ${min}..${max}, got ${String(value)}`);
  }
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

function stripControls(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += (code < 0x20 && code !== LF) || code === 0x7f ? ' ' : ch;
  }
  return out;
}

export class EscPos {
  private readonly parts: Uint8Array[] = [];
  private readonly encoding: TextEncoding;
  /** Whether FS & (Chinese character mode) is in force on the printer right now. */
  private chineseMode = false;

  constructor(options: { encoding?: TextEncoding } = {}) {
    const encoding = options.encoding ?? 'gb18030';
    if (encoding !== 'gb18030' && encoding !== 'ascii')
      throw new TypeError(`unsupported encoding ${String(encoding)}`);
    this.encoding = encoding;
  }

  raw(bytes: ArrayLike<number>): this {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }

  /** ESC @: resets modes (and leaves Chinese mode, so we track that too). */
  init(): this {
    this.chineseMode = false;
    return this.raw([ESC, 0x40]);
  }

  align(value: Align): this {
    const n = ALIGNS.indexOf(value);
    if (n < 0) throw new RangeError(`align must be left, center or right`);
    return this.raw([ESC, 0x61, n]);
  }

  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  /** GS ! : character width and height multipliers 1..8. */
  size(width: number, height: number = width): this {
    checkInt('width', width, 1, 8);
    checkInt('height', height, 1, 8);
    return this.raw([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  /**
   * Text without a line feed. Non-ASCII text switches the printer into Chinese mode (FS &) once.
   * Control characters other than LF become spaces, so text can never smuggle in a command.
   */
  text(input: string): this {
    const value = stripControls(input);
    if (isAscii(value)) return this.raw(Buffer.from(value, 'latin1'));
    if (this.encoding === 'ascii') {
      return this.raw(
        Buffer.from([...value].map((c) => (isAscii(c) ? c : '?')).join(''), 'latin1'),
      );
    }
    if (!this.chineseMode) {
      this.raw([FS, 0x26]);
      this.chineseMode = true;
    }
    return this.raw(iconv.encode(value, 'gb18030'));
  }

  line(value = ''): this {
    return this.text(value).raw([LF]);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines = 1): this {
    checkInt('lines', lines, 0, 255);
    return this.raw([ESC, 0x64, lines]);
  }

  /** QR model 2 via GS ( k: model, module size, error correction, store, print. Data as UTF-8. */
  qr(data: string, options: QrOptions = {}): this {
    const moduleSize = options.moduleSize ?? 6;
    const ec = QR_EC.indexOf(options.errorCorrection ?? 'M');
    checkInt('moduleSize', moduleSize, 1, 16);
    if (ec < 0) throw new RangeError('errorCorrection must be L, M, Q or H');
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length === 0 || bytes.length > 7089)
      throw new RangeError('QR data must be 1..7089 bytes');
    const storeLen = bytes.length + 3;
    return this.raw([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize])
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 48 + ec])
      .raw([GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30])
      .raw(bytes)
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
  }

  /** Code 128 (GS k 73) in code set B; `{` is escaped as `{{` as the command requires. */
  code128(data: string, options: Code128Options = {}): this {
    if (!/^[\x20-\x7e]+$/.test(data)) throw new RangeError('Code 128 data must be printable ASCII');
    const height = options.height ?? 80;
    const width = options.width ?? 2;
    const hri = HRI_POSITIONS.indexOf(options.hri ?? 'below');
    checkInt('height', height, 1, 255);
    checkInt('width', width, 2, 6);
    if (hri < 0) throw new RangeError('hri must be none, above, below or both');
    const payload = Buffer.from(`{B${data.replace(/\{/g, '{{')}`, 'latin1');
    if (payload.length > 255) throw new RangeError('Code 128 data too long');
    return this.raw([GS, 0x48, hri])
      .raw([GS, 0x68, height])
      .raw([GS, 0x77, width])
      .raw([GS, 0x6b, BARCODE_CODE128, payload.length])
      .raw(payload);
  }

  /** GS V 66 n: feed n dots' worth then partial cut (blade clears the last line). */
  cut(feed = 3): this {
    checkInt('feed', feed, 0, 255);
    return this.raw([GS, 0x56, CUT_PARTIAL_FEED, feed]);
  }

  /** ESC p 0 25 250: pulse drawer pin 2 for 50 ms on, 500 ms off. */
  drawer(): this {
    return this.raw([ESC, 0x70, 0x00, 25, 250]);
  }

  encode(): Uint8Array {
    let total = 0;
    for (const part of this.parts) total += part.length;
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
