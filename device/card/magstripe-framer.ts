/**
 * Frames magnetic-stripe swipes (ISO/IEC 7813 tracks) as readers send them over serial or, via
 * the keyboard-wedge decoder, as typed text: track 1 "%...?", track 2 ";...?", track 3 ";...?"
 * or "+...?", each maybe followed by an LRC byte, the tracks of one swipe back to back and the
 * swipe usually ended by CR and/or LF.
 *
 * Guarantees: never throws; one `{ swipe }` per card, holding the tracks with their sentinels
 * and without LRC bytes or line ending; the output does not depend on chunking; a swipe ends at
 * CR/LF, at a start sentinel that cannot continue it (track 1 after any track, or a track number
 * not higher than the last one) or at `flush` (the driver calls it after an idle gap, for readers
 * that send no line ending).
 *
 * Privacy: card data is returned, never logged, and not kept: errors carry no card bytes and the
 * internal buffer is zeroed as soon as a swipe leaves it.
 */

export type MagstripeResult = { swipe: string } | { error: 'overflow'; message: string };

export interface MagstripeFramerOptions {
  /** The reader sends an LRC byte after each end sentinel; default false. */
  lrc?: boolean;
  /** Longest swipe kept; ISO 7813 tracks total under 230 characters. Default 512. */
  maxSwipeBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const END = 0x3f; // '?'

/** Start sentinel → track number. */
function trackOf(byte: number, lastTrack: number): number | null {
  if (byte === 0x25) return 1; // '%'
  if (byte === 0x3b) return lastTrack >= 2 ? 3 : 2; // ';' starts track 2, or track 3 after it
  if (byte === 0x2b) return 3; // '+'
  return null;
}

type State = 'between' | 'track' | 'lrc' | 'overflow';

export class MagstripeFramer {
  private readonly expectLrc: boolean;
  private readonly buffer: Uint8Array;
  private length = 0;
  private state: State = 'between';
  private lastTrack = 0;
  private ignoredBytes = 0;

  constructor(options: MagstripeFramerOptions = {}) {
    const max = options.maxSwipeBytes ?? 512;
    if (!Number.isInteger(max) || max < 8 || max > 65536) {
      throw new TypeError('"maxSwipeBytes" must be an integer 8..65536');
    }
    this.expectLrc = options.lrc ?? false;
    this.buffer = new Uint8Array(max);
  }

  /** Bytes outside any track (noise, stray LRCs) thrown away so far. */
  get ignored(): number {
    return this.ignoredBytes;
  }

  push(chunk: Uint8Array): MagstripeResult[] {
    const out: MagstripeResult[] = [];
    for (const byte of chunk) this.step(byte, out);
    return out;
  }

  /** For text from a keyboard wedge: characters above 0xFF are ignored like noise. */
  pushText(text: string): MagstripeResult[] {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c <= 0xff ? c : 0;
    }
    return this.push(bytes);
  }

  /** Ends the current swipe (idle gap or close); an unterminated track is dropped. */
  flush(): MagstripeResult[] {
    const out: MagstripeResult[] = [];
    if (this.state === 'track' || this.state === 'overflow') this.truncateToLastTrack();
    this.endSwipe(out);
    return out;
  }

  private step(byte: number, out: MagstripeResult[]): void {
    if (this.state === 'overflow') {
      if (byte === CR || byte === LF) this.clear();
      return;
    }
    if (this.state === 'lrc') {
      this.state = 'between';
      return;
    }
    if (this.state === 'track') {
      if (byte === CR || byte === LF) {
        // A line ending inside a track: the reader gave up mid-track; keep the complete tracks.
        this.truncateToLastTrack();
        this.endSwipe(out);
        return;
      }
      this.append(byte, out);
      if (byte === END && this.state === 'track') {
        this.state = this.expectLrc ? 'lrc' : 'between';
        this.trackEnd = this.length;
      }
      return;
    }
    // between tracks
    if (byte === CR || byte === LF) {
      this.endSwipe(out);
      return;
    }
    let track = trackOf(byte, this.lastTrack);
    if (track === null) {
      this.ignoredBytes++;
      return;
    }
    if (this.length > 0 && (track === 1 || track <= this.lastTrack)) {
      this.endSwipe(out);
      track = trackOf(byte, 0) ?? track; // in a fresh swipe ';' is track 2 again
    }
    this.lastTrack = track;
    this.state = 'track';
    this.append(byte, out);
  }

  /** Length of the buffer up to the end of the last complete track. */
  private trackEnd = 0;

  private truncateToLastTrack(): void {
    this.buffer.fill(0, this.trackEnd, this.length);
    this.length = this.trackEnd;
    this.state = 'between';
  }

  private append(byte: number, out: MagstripeResult[]): void {
    if (this.length === this.buffer.length) {
      out.push({ error: 'overflow', message: `swipe longer than ${this.buffer.length} bytes` });
      this.buffer.fill(0);
      this.length = 0;
      this.trackEnd = 0;
      this.state = 'overflow';
      return;
    }
    this.buffer[this.length++] = byte;
  }

  private endSwipe(out: MagstripeResult[]): void {
    if (this.state === 'overflow') {
      this.clear();
      return;
    }
    if (this.length > 0) {
      let swipe = '';
      for (let i = 0; i < this.length; i++) swipe += String.fromCharCode(this.buffer[i] ?? 0);
      out.push({ swipe });
    }
    this.clear();
  }

  private clear(): void {
    this.buffer.fill(0, 0, this.length);
    this.length = 0;
    this.trackEnd = 0;
    this.lastTrack = 0;
    this.state = 'between';
  }
}
