/**
 * Splits a byte stream into lines ended by CR, LF or CRLF. Guarantees: the output depends only on
 * the bytes, never on how they were split into chunks; empty lines are dropped (so a CRLF split
 * across chunks yields one line); a line longer than `maxLength` is reported once as an
 * `overflow` frame and the rest of it is discarded up to the next terminator. Memory is bounded
 * by `maxLength`.
 */
import type { Framer } from '../device';

const CR = 0x0d;
const LF = 0x0a;

export interface LineFrame {
  bytes: Uint8Array;
  error?: 'overflow';
}

export class AsciiLineFramer implements Framer {
  private readonly buffer: Uint8Array;
  private length = 0;
  private discarding = false;

  constructor(options: { maxLength?: number } = {}) {
    const maxLength = options.maxLength ?? 256;
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 65536) {
      throw new TypeError('maxLength must be an integer 1..65536');
    }
    this.buffer = new Uint8Array(maxLength);
  }

  push(chunk: Uint8Array): LineFrame[] {
    const frames: LineFrame[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] ?? 0;
      if (byte === CR || byte === LF) {
        if (!this.discarding && this.length > 0)
          frames.push({ bytes: this.buffer.slice(0, this.length) });
        this.length = 0;
        this.discarding = false;
      } else if (this.discarding) {
        continue;
      } else if (this.length === this.buffer.length) {
        frames.push({ bytes: this.buffer.slice(0, this.length), error: 'overflow' });
        this.length = 0;
        this.discarding = true;
      } else {
        this.buffer[this.length++] = byte;
      }
    }
    return frames;
  }

  /** A partial line left when the port closes is dropped: a read without its terminator is not trusted. */
  flush(): LineFrame[] {
    this.length = 0;
    this.discarding = false;
    return [];
  }
}
