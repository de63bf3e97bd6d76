/**
 * Frames a scanner's serial byte stream by suffix (CR, CR LF, LF, Tab...) and optional prefix,
 * after serialport's DelimiterParser but with alternative suffixes and bounded memory.
 *
 * Guarantees (on top of `Framer`'s):
 * - A frame ends at the first position where any suffix ends; if several end there, the longest
 *   wins. The choice needs only bytes up to that point, so it does not depend on chunking.
 * - Leading CR/LF of a frame are dropped (a CR-configured framer fed "CR LF" lines sees the LF
 *   at the start of the next frame); frames holding only whitespace are dropped.
 * - With a prefix, a frame that does not start with it is returned as a `no-prefix` error; the
 *   prefix is stripped from good frames.
 * - Content longer than `maxFrameBytes` gives one `overflow` error carrying its first
 *   `maxFrameBytes` bytes; the rest up to the next suffix is discarded.
 * - `flush` returns unterminated leftovers as `incomplete`: a cut-off barcode must not pass as a
 *   shorter valid one.
 */
import { allBlank, endsAt, startsWith, toBytes } from './bytes';
import type { Frame, Framer } from './framer';

export interface DelimiterFramerOptions {
  prefix?: Uint8Array | string;
  /** One suffix or alternatives, e.g. ['\r\n', '\r', '\n']. */
  suffix: Uint8Array | string | ReadonlyArray<Uint8Array | string>;
  /** Longest frame content kept, default 4096. */
  maxFrameBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;

function parseSuffixes(suffix: DelimiterFramerOptions['suffix'] | undefined): Uint8Array[] {
  if (suffix === undefined || suffix === null) throw new TypeError('"suffix" is required');
  const list = typeof suffix === 'string' || suffix instanceof Uint8Array ? [suffix] : suffix;
  if (!Array.isArray(list) || list.length === 0)
    throw new TypeError('"suffix" needs at least one entry');
  const out = list.map((s: unknown) => {
    if (typeof s !== 'string' && !(s instanceof Uint8Array)) {
      throw new TypeError('"suffix" entries must be strings or Uint8Arrays');
    }
    const bytes = toBytes(s);
    if (bytes.length === 0) throw new TypeError('"suffix" entries must not be empty');
    return bytes;
  });
  // Longest first, so that among suffixes ending at the same byte the longest is found first.
  return out.sort((a, b) => b.length - a.length);
}

export class DelimiterFramer implements Framer {
  private readonly prefix: Uint8Array | null;
  private readonly suffixes: Uint8Array[];
  private readonly maxFrameBytes: number;
  private readonly longestSuffix: number;
  /** Holds the current frame plus room for a suffix: fixed memory. */
  private readonly buffer: Uint8Array;
  /** lastBytes[b] = 1 when some suffix ends with byte b: a cheap test before matching. */
  private readonly lastBytes = new Uint8Array(256);
  private length = 0;
  private discarding = false;

  constructor(options: DelimiterFramerOptions) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('options are required');
    this.suffixes = parseSuffixes(options.suffix);
    const max = options.maxFrameBytes ?? 4096;
    if (!Number.isInteger(max) || max < 1 || max > 1 << 20) {
      throw new TypeError('"maxFrameBytes" must be an integer 1..1048576');
    }
    this.maxFrameBytes = max;
    if (options.prefix !== undefined) {
      if (typeof options.prefix !== 'string' && !(options.prefix instanceof Uint8Array)) {
        throw new TypeError('"prefix" must be a string or Uint8Array');
      }
      const prefix = toBytes(options.prefix);
      if (prefix.length === 0) throw new TypeError('"prefix" must not be empty');
      this.prefix = prefix;
    } else {
      this.prefix = null;
    }
    for (const s of this.suffixes) this.lastBytes[s[s.length - 1] ?? 0] = 1;
    this.longestSuffix = this.suffixes[0]?.length ?? 1;
    this.buffer = new Uint8Array(max + this.longestSuffix);
  }

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (const byte of chunk) {
      this.buffer[this.length++] = byte;
      const suffix = this.lastBytes[byte] === 1 ? this.suffixEndingHere() : undefined;
      if (suffix) {
        const contentLength = this.length - suffix.length;
        if (!this.discarding) this.emit(this.buffer.subarray(0, contentLength), frames);
        this.length = 0;
        this.discarding = false;
      } else if (this.length === this.buffer.length) {
        if (!this.discarding) {
          frames.push({ error: 'overflow', bytes: this.buffer.slice(0, this.maxFrameBytes) });
          this.discarding = true;
        }
        // Keep just enough tail to recognise a suffix that straddles the cut.
        const keep = this.longestSuffix - 1;
        this.buffer.copyWithin(0, this.length - keep, this.length);
        this.length = keep;
      }
    }
    return frames;
  }

  flush(): Frame[] {
    const frames: Frame[] = [];
    if (!this.discarding && this.length > 0) {
      const rest = this.buffer.slice(0, this.length);
      if (!allBlank(rest)) frames.push({ error: 'incomplete', bytes: rest });
    }
    this.length = 0;
    this.discarding = false;
    return frames;
  }

  private suffixEndingHere(): Uint8Array | undefined {
    for (const s of this.suffixes) if (endsAt(this.buffer, this.length, s)) return s;
    return undefined;
  }

  private emit(content: Uint8Array, frames: Frame[]): void {
    if (content.length > this.maxFrameBytes) {
      frames.push({ error: 'overflow', bytes: content.slice(0, this.maxFrameBytes) });
      return;
    }
    let start = 0;
    while (start < content.length && (content[start] === CR || content[start] === LF)) start++;
    const body = content.slice(start);
    if (allBlank(body)) return;
    if (this.prefix === null) {
      frames.push({ bytes: body });
    } else if (startsWith(body, this.prefix)) {
      const data = body.slice(this.prefix.length);
      if (!allBlank(data)) frames.push({ bytes: data });
    } else {
      frames.push({ error: 'no-prefix', bytes: body });
    }
  }
}
