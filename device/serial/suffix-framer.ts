/** Interim suffix framer (replaced by device/framing's DelimiterFramer). */
import type { Framer } from '../device';

export class SuffixFramer implements Framer {
  private buffer = Buffer.alloc(0);
  private readonly suffix: Buffer;
  constructor(options: { suffix: string }) {
    this.suffix = Buffer.from(options.suffix, 'latin1');
  }
  push(chunk: Uint8Array): Array<{ bytes: Uint8Array; error?: string }> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Array<{ bytes: Uint8Array; error?: string }> = [];
    let index: number;
    while ((index = this.buffer.indexOf(this.suffix)) >= 0) {
      const bytes = this.buffer.subarray(0, index);
      this.buffer = this.buffer.subarray(index + this.suffix.length);
      if (bytes.length > 0) frames.push({ bytes: Uint8Array.from(bytes) });
    }
    if (this.buffer.length > 4096) {
      frames.push({ bytes: Uint8Array.from(this.buffer), error: 'overflow' });
      this.buffer = Buffer.alloc(0);
    }
    return frames;
  }
}
