/**
 * The common shape of every byte-stream framer in this folder.
 *
 * Guarantees every implementation keeps: `push` and `flush` never throw on any bytes; the frames
 * produced depend only on the bytes, never on how they were split into chunks (push(a)+push(b)
 * gives what push(a+b) gives); memory stays bounded by the framer's `maxFrameBytes`; a frame with
 * `error` is garbage to count and drop, not data.
 */
export type FrameError = 'overflow' | 'no-prefix' | 'incomplete' | 'bad-checksum';

export type Frame =
  { bytes: Uint8Array; error?: undefined } | { error: FrameError; bytes: Uint8Array };

export interface Framer {
  /** Feeds bytes; returns the frames completed by them, in order. */
  push(chunk: Uint8Array): Frame[];
  /** Ends the stream: returns what was left (as an `incomplete` error) and resets the framer. */
  flush(): Frame[];
}
