/**
 * Streaming ESC/POS decoder: turns the bytes sent to a printer into a list of commands and text
 * runs. Used by tests (decode what went over the pty) and by the printer simulator.
 *
 * Guarantees: never throws on any bytes; the ops produced depend only on the byte stream, never on
 * how it was chunked (an op is emitted only once all its bytes are in, and a text run only once a
 * LF or a command ends it, or on `flush()`); bytes it does not understand come out as
 * `{op:'unknown', bytes}` and decoding carries on; memory is bounded by the largest command
 * (a QR store of up to 65 535 bytes).
 */
import iconv from 'iconv-lite';
import {
  ALIGNS,
  BARCODE_CODE128,
  CUT_FULL_FEED,
  CUT_PARTIAL_FEED,
  DLE,
  EOT,
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

export type EscPosOp =
  | { op: 'init' }
  | { op: 'align'; value: Align }
  | { op: 'bold'; on: boolean }
  | { op: 'size'; width: number; height: number }
  | { op: 'chinese'; on: boolean }
  | { op: 'text'; text: string }
  | { op: 'feed'; lines: number }
  | { op: 'qr'; data: string; moduleSize: number; errorCorrection: QrErrorCorrection }
  | { op: 'code128'; data: string }
  | { op: 'barcode-style'; hri?: HriPosition; height?: number; width?: number }
  | { op: 'cut'; partial: boolean; feed: number }
  | { op: 'drawer'; pin: number; onMs: number; offMs: number }
  | { op: 'status-request'; n: number }
  | { op: 'unknown'; bytes: Uint8Array };

/** ESC / GS commands we do not model but whose parameter count is known, so they are skipped whole. */
const ESC_PARAMS: Readonly<Record<number, number>> = {
  0x21: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x4a: 1,
  0x4d: 1,
  0x47: 1,
  0x52: 1,
  0x74: 1,
  0x7b: 1,
  0x56: 1,
  0x20: 1,
};
const GS_PARAMS: Readonly<Record<number, number>> = { 0x42: 1, 0x4c: 2, 0x57: 2, 0x66: 1, 0x62: 1 };

/** Longest text run held back waiting for its LF. */
const MAX_TEXT_RUN = 4096;

type Parsed = { length: number; op: EscPosOp | null } | 'incomplete';

interface QrState {
  data: Uint8Array;
  moduleSize: number;
  errorCorrection: QrErrorCorrection;
}

function byteAt(buf: Uint8Array, i: number): number {
  return buf[i] ?? 0;
}

export class EscPosDecoder {
  private buffer = new Uint8Array(1024);
  private length = 0;
  /** Whether `buffer` starts with a text run not yet ended by LF or a command. */
  private pendingText = false;
  /** Bytes at the start of `buffer` already scanned (the pending text run). */
  private resumeAt = 0;
  private readonly qr: QrState = { data: new Uint8Array(0), moduleSize: 3, errorCorrection: 'L' };

  push(chunk: Uint8Array): EscPosOp[] {
    this.append(chunk);
    return this.drain(false);
  }

  /** End of stream: emits the pending text run and reports an incomplete command as unknown. */
  flush(): EscPosOp[] {
    return this.drain(true);
  }

  private append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buffer.length) {
      let size = this.buffer.length;
      while (size < this.length + chunk.length) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buffer.subarray(0, this.length));
      this.buffer = next;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  private drain(end: boolean): EscPosOp[] {
    const ops: EscPosOp[] = [];
    const buf = this.buffer;
    let textFrom = this.pendingText ? 0 : -1;
    let pos = this.resumeAt;
    const endText = (to: number): void => {
      if (textFrom >= 0 && to > textFrom) {
        ops.push({
          op: 'text',
          text: iconv.decode(Buffer.from(buf.subarray(textFrom, to)), 'gb18030'),
        });
      }
      textFrom = -1;
    };
    while (pos < this.length) {
      const b = byteAt(buf, pos);
      if (b >= 0x20 || b === LF || b === 0x09 || b === 0x0d) {
        if (textFrom < 0) textFrom = pos;
        pos++;
        // A run ends at LF, or at MAX_TEXT_RUN bytes so a stream of printable garbage stays bounded.
        if (b === LF || pos - textFrom >= MAX_TEXT_RUN) endText(pos);
        continue;
      }
      endText(pos);
      const parsed = this.parseCommand(buf, pos);
      if (parsed === 'incomplete') {
        if (end) {
          ops.push({ op: 'unknown', bytes: buf.slice(pos, this.length) });
          pos = this.length;
        }
        break;
      }
      if (parsed.op) ops.push(parsed.op);
      pos += parsed.length;
    }
    if (end) endText(pos);
    // Keep only the unfinished tail: a text run in progress (all scanned), or an incomplete command.
    const keepFrom = textFrom >= 0 ? textFrom : pos;
    this.resumeAt = pos - keepFrom;
    this.pendingText = textFrom >= 0;
    this.buffer.copyWithin(0, keepFrom, this.length);
    this.length -= keepFrom;
    return ops;
  }

  private parseCommand(buf: Uint8Array, pos: number): Parsed {
    const avail = this.length - pos;
    const b = byteAt(buf, pos);
    const need = (n: number): boolean => avail >= n;
    const unknown = (n: number): Parsed => ({
      length: n,
      op: { op: 'unknown', bytes: buf.slice(pos, pos + n) },
    });
    if (b === ESC) {
      if (!need(2)) return 'incomplete';
      const c = byteAt(buf, pos + 1);
      switch (c) {
        case 0x40:
          return { length: 2, op: { op: 'init' } };
        case 0x61: {
          if (!need(3)) return 'incomplete';
          const n = byteAt(buf, pos + 2);
          const value = ALIGNS[n >= 0x30 ? n - 0x30 : n];
          return value ? { length: 3, op: { op: 'align', value } } : unknown(3);
        }
        case 0x45:
          if (!need(3)) return 'incomplete';
          return { length: 3, op: { op: 'bold', on: (byteAt(buf, pos + 2) & 1) === 1 } };
        case 0x64:
          if (!need(3)) return 'incomplete';
          return { length: 3, op: { op: 'feed', lines: byteAt(buf, pos + 2) } };
        case 0x70:
          if (!need(5)) return 'incomplete';
          return {
            length: 5,
            op: {
              op: 'drawer',
              pin: (byteAt(buf, pos + 2) & 1) === 0 ? 2 : 5,
              onMs: byteAt(buf, pos + 3) * 2,
              offMs: byteAt(buf, pos + 4) * 2,
            },
          };
        default: {
          const params = ESC_PARAMS[c];
          if (params === undefined) return unknown(2);
          return need(2 + params) ? unknown(2 + params) : 'incomplete';
        }
      }
    }
    if (b === GS) return this.parseGs(buf, pos, avail, unknown);
    if (b === FS) {
      if (!need(2)) return 'incomplete';
      const c = byteAt(buf, pos + 1);
      if (c === 0x26) return { length: 2, op: { op: 'chinese', on: true } };
      if (c === 0x2e) return { length: 2, op: { op: 'chinese', on: false } };
      return unknown(2);
    }
    if (b === DLE) {
      if (!need(2)) return 'incomplete';
      if (byteAt(buf, pos + 1) !== EOT) return unknown(1);
      if (!need(3)) return 'incomplete';
      return { length: 3, op: { op: 'status-request', n: byteAt(buf, pos + 2) } };
    }
    return unknown(1);
  }

  private parseGs(
    buf: Uint8Array,
    pos: number,
    avail: number,
    unknown: (n: number) => Parsed,
  ): Parsed {
    if (avail < 2) return 'incomplete';
    const c = byteAt(buf, pos + 1);
    const p = (i: number): number => byteAt(buf, pos + i);
    switch (c) {
      case 0x21:
        if (avail < 3) return 'incomplete';
        return {
          length: 3,
          op: { op: 'size', width: ((p(2) >> 4) & 7) + 1, height: (p(2) & 7) + 1 },
        };
      case 0x56: {
        if (avail < 3) return 'incomplete';
        const m = p(2);
        if (m === CUT_FULL_FEED || m === CUT_PARTIAL_FEED) {
          if (avail < 4) return 'incomplete';
          return { length: 4, op: { op: 'cut', partial: m === CUT_PARTIAL_FEED, feed: p(3) } };
        }
        return { length: 3, op: { op: 'cut', partial: (m & 1) === 1, feed: 0 } };
      }
      case 0x48: {
        if (avail < 3) return 'incomplete';
        const hri = HRI_POSITIONS[p(2) >= 0x30 ? p(2) - 0x30 : p(2)];
        return hri ? { length: 3, op: { op: 'barcode-style', hri } } : unknown(3);
      }
      case 0x68:
        if (avail < 3) return 'incomplete';
        return { length: 3, op: { op: 'barcode-style', height: p(2) } };
      case 0x77:
        if (avail < 3) return 'incomplete';
        return { length: 3, op: { op: 'barcode-style', width: p(2) } };
      case 0x6b:
        return this.parseBarcode(buf, pos, avail, unknown);
      case 0x28: {
        if (avail < 5) return 'incomplete';
        const len = p(3) | (p(4) << 8);
        if (avail < 5 + len) return 'incomplete';
        if (p(2) !== 0x6b) return unknown(5 + len);
        return {
          length: 5 + len,
          op: this.qrFunction(buf.subarray(pos + 5, pos + 5 + len), buf.slice(pos, pos + 5 + len)),
        };
      }
      default: {
        const params = GS_PARAMS[c];
        if (params === undefined) return unknown(2);
        return avail >= 2 + params ? unknown(2 + params) : 'incomplete';
      }
    }
  }

  private parseBarcode(
    buf: Uint8Array,
    pos: number,
    avail: number,
    unknown: (n: number) => Parsed,
  ): Parsed {
    if (avail < 3) return 'incomplete';
    const m = byteAt(buf, pos + 2);
    if (m <= 6) {
      // Function A: data ends at NUL. Bounded so garbage cannot hold the stream forever.
      const limit = Math.min(this.length, pos + 3 + 256);
      for (let i = pos + 3; i < limit; i++) if (buf[i] === 0) return unknown(i + 1 - pos);
      return limit - pos < 3 + 256 ? 'incomplete' : unknown(3);
    }
    if (avail < 4) return 'incomplete';
    const n = byteAt(buf, pos + 3);
    if (avail < 4 + n) return 'incomplete';
    if (m !== BARCODE_CODE128) return unknown(4 + n);
    const raw = Buffer.from(buf.subarray(pos + 4, pos + 4 + n)).toString('latin1');
    // Strip code-set selectors ({A {B {C), unescape {{ to {; other {x are shifts we do not model.
    const data = raw.replace(/\{([ABC{S1234])/g, (_m, x: string) => (x === '{' ? '{' : ''));
    return { length: 4 + n, op: { op: 'code128', data } };
  }

  /** GS ( k with cn = 49 (QR): remembers size / EC / stored data; emits a `qr` op on print. */
  private qrFunction(body: Uint8Array, whole: Uint8Array): EscPosOp | null {
    const cn = body[0];
    const fn = body[1];
    if (cn !== 0x31 || fn === undefined) return { op: 'unknown', bytes: whole };
    switch (fn) {
      case 0x41: // model
        return null;
      case 0x43:
        this.qr.moduleSize = body[2] ?? this.qr.moduleSize;
        return null;
      case 0x45: {
        const ec = QR_EC[(body[2] ?? 0) - 48];
        if (ec) this.qr.errorCorrection = ec;
        return null;
      }
      case 0x50:
        this.qr.data = body.slice(3);
        return null;
      case 0x51:
        return {
          op: 'qr',
          data: Buffer.from(this.qr.data).toString('utf8'),
          moduleSize: this.qr.moduleSize,
          errorCorrection: this.qr.errorCorrection,
        };
      default:
        return { op: 'unknown', bytes: whole };
    }
  }
}

/** Decodes a complete byte string (push + flush). */
export function decodeEscPos(bytes: Uint8Array): EscPosOp[] {
  const decoder = new EscPosDecoder();
  return [...decoder.push(bytes), ...decoder.flush()];
}
