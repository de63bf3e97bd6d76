/**
 * Streaming framer for the serial protocol of readers built on the Impinj R2000 chip (the "CM"
 * command set cloned by many Chinese UHF readers; format in docs/devices/rfid.md):
 *
 *   Head 0xA0 | Len | Address | Cmd | Data (Len - 3 bytes) | Check
 *
 * Len counts the bytes after itself (Address..Check), so a frame is Len + 2 bytes. Check is the
 * two's complement of the sum of every byte from Head to the last data byte, so the sum of the
 * whole frame is 0 mod 256.
 *
 * Guarantees: never throws on any bytes; the frames returned depend only on the byte stream, not on
 * how it was chunked (a candidate is judged only once all its bytes are in); after garbage or a bad
 * checksum it resynchronises by dropping one byte and searching for the next 0xA0, so a good frame
 * right after a false start is still found. Memory is bounded (at most one 257-byte frame). A
 * false 0xA0 whose Len points past the buffered bytes holds the stream until those bytes arrive or
 * `flush()` is called on an idle gap.
 */

export const R2000_HEAD = 0xa0;
/** Address + Cmd + Check: the smallest legal Len. */
const MIN_LEN = 3;

export interface R2000Frame {
  /** The whole frame as received, Head to Check. */
  bytes: Uint8Array;
  address: number;
  command: number;
  data: Uint8Array;
}

/** Two's-complement checksum of bytes[start, end). */
export function r2000Checksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i] ?? 0;
  return (256 - (sum & 0xff)) & 0xff;
}

export class R2000Framer {
  private buffer = new Uint8Array(512);
  private length = 0;
  private dropped = 0;

  /** Bytes thrown away so far while resynchronising (garbage, bad checksums): a health counter. */
  get droppedBytes(): number {
    return this.dropped;
  }

  push(chunk: Uint8Array): R2000Frame[] {
    const frames: R2000Frame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      // Copy as much as fits; the buffer never needs more than one max frame (257) + slack.
      const room = this.buffer.length - this.length;
      const take = Math.min(room, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + take), this.length);
      this.length += take;
      offset += take;
      this.drain(frames);
    }
    return frames;
  }

  /**
   * Call on an idle gap (the reader went quiet mid-candidate): a false 0xA0 with a large Len would
   * otherwise hold back the good frames behind it until enough bytes arrive. Rescans what is
   * buffered past the stalled candidate and drops whatever is still incomplete.
   */
  flush(): R2000Frame[] {
    const frames: R2000Frame[] = [];
    while (this.length > 0) {
      this.buffer.copyWithin(0, 1, this.length);
      this.length--;
      this.dropped++;
      this.drain(frames);
    }
    return frames;
  }

  private drain(frames: R2000Frame[]): void {
    let start = 0;
    for (;;) {
      while (start < this.length && this.buffer[start] !== R2000_HEAD) {
        start++;
        this.dropped++;
      }
      if (this.length - start < 2) break;
      const len = this.buffer[start + 1] ?? 0;
      if (len < MIN_LEN) {
        start++;
        this.dropped++;
        continue;
      }
      const total = len + 2;
      if (this.length - start < total) break;
      if (r2000Checksum(this.buffer, start, start + total - 1) !== this.buffer[start + total - 1]) {
        start++;
        this.dropped++;
        continue;
      }
      const bytes = this.buffer.slice(start, start + total);
      frames.push({
        bytes,
        address: bytes[2] ?? 0,
        command: bytes[3] ?? 0,
        data: bytes.subarray(4, total - 1),
      });
      start += total;
    }
    if (start > 0) {
      this.buffer.copyWithin(0, start, this.length);
      this.length -= start;
    }
  }
}
