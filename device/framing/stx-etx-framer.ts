/**
 * STX (0x02) data ETX (0x03) framing, optionally followed by one block-check byte.
 *
 * Guarantees (on top of `Framer`'s):
 * - Bytes outside a frame are discarded and counted in `discarded` (line noise, a reader's
 *   power-on banner). An STX inside a frame restarts it: the cut-off part is counted too.
 * - With `checksum: 'xor'`, the byte after ETX must equal the XOR of every byte after STX up to
 *   and including ETX (the usual BCC/LRC of STX/ETX protocols; `checksumIncludesEtx: false` for
 *   readers that leave the ETX out). A mismatch gives a `bad-checksum` error frame.
 * - Data longer than `maxFrameBytes` gives one `overflow` error; the rest of that frame (up to
 *   its ETX) is discarded. Empty frames (STX ETX) are dropped.
 */
import type { Frame, Framer } from './framer';

export interface StxEtxFramerOptions {
  checksum?: 'none' | 'xor';
  checksumIncludesEtx?: boolean;
  maxFrameBytes?: number;
}

const STX = 0x02;
const ETX = 0x03;

type State = 'outside' | 'inside' | 'discarding' | 'checksum';

export class StxEtxFramer implements Framer {
  private readonly checksum: 'none' | 'xor';
  private readonly includeEtx: boolean;
  private readonly maxFrameBytes: number;
  private readonly buffer: Uint8Array;
  private length = 0;
  private state: State = 'outside';
  private discardedBytes = 0;

  constructor(options: StxEtxFramerOptions = {}) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('options must be an object');
    const checksum = options.checksum ?? 'none';
    if (checksum !== 'none' && checksum !== 'xor')
      throw new TypeError('"checksum" must be "none" or "xor"');
    const max = options.maxFrameBytes ?? 4096;
    if (!Number.isInteger(max) || max < 1 || max > 1 << 20) {
      throw new TypeError('"maxFrameBytes" must be an integer 1..1048576');
    }
    this.checksum = checksum;
    this.includeEtx = options.checksumIncludesEtx ?? true;
    this.maxFrameBytes = max;
    this.buffer = new Uint8Array(max);
  }

  /** Bytes thrown away so far because they were outside any frame. */
  get discarded(): number {
    return this.discardedBytes;
  }

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (const byte of chunk) this.step(byte, frames);
    return frames;
  }

  flush(): Frame[] {
    const frames: Frame[] = [];
    if ((this.state === 'inside' || this.state === 'checksum') && this.length >= 0) {
      frames.push({ error: 'incomplete', bytes: this.buffer.slice(0, this.length) });
    }
    this.state = 'outside';
    this.length = 0;
    return frames;
  }

  private step(byte: number, frames: Frame[]): void {
    switch (this.state) {
      case 'checksum':
        this.finish(frames, byte);
        return;
      case 'outside':
        if (byte === STX) this.start();
        else this.discardedBytes++;
        return;
      case 'discarding':
        if (byte === STX) this.start();
        else if (byte === ETX) this.state = this.checksum === 'xor' ? 'checksum' : 'outside';
        // The block-check byte of a discarded frame is skipped by the 'checksum' state below.
        return;
      case 'inside':
        if (byte === STX) {
          this.discardedBytes += this.length + 1;
          this.start();
        } else if (byte === ETX) {
          if (this.checksum === 'xor') this.state = 'checksum';
          else this.finish(frames, null);
        } else if (this.length === this.maxFrameBytes) {
          frames.push({ error: 'overflow', bytes: this.buffer.slice() });
          this.state = 'discarding';
          this.length = -1; // marks "overflowed": the checksum byte that follows is dropped silently
        } else {
          this.buffer[this.length++] = byte;
        }
        return;
    }
  }

  private start(): void {
    this.state = 'inside';
    this.length = 0;
  }

  private finish(frames: Frame[], check: number | null): void {
    this.state = 'outside';
    if (this.length < 0) {
      this.length = 0;
      return;
    }
    const data = this.buffer.slice(0, this.length);
    this.length = 0;
    if (check !== null) {
      let xor = this.includeEtx ? ETX : 0;
      for (const b of data) xor ^= b;
      if (xor !== check) {
        frames.push({ error: 'bad-checksum', bytes: data });
        return;
      }
    }
    if (data.length > 0) frames.push({ bytes: data });
  }
}
