/**
 * The framer each serial device gets, chosen from its config, adapted to the serial driver's
 * `Framer` shape (frames of bytes, or `error` for garbage to count and drop).
 */
import { MagstripeFramer, type MagstripeResult } from '../card/magstripe-framer';
import { UidLineReader } from '../card/uid-line';
import type { DeviceConfig } from '../config';
import type { Framer } from '../device';
import { DelimiterFramer } from '../framing/delimiter-framer';
import { createFramer, isScannerProfileId } from '../framing/profiles';
import { AsciiLineFramer } from '../rfid/line-framer';
import { R2000Framer } from '../rfid/r2000-framer';

type FrameOut = Array<{ bytes: Uint8Array; error?: string }>;
const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const empty = new Uint8Array(0);

/** Scanners: a named profile (prefix/suffix, STX/ETX), else the config's own prefix and suffix. */
export function scannerFramer(config: DeviceConfig): Framer {
  if (config.profile !== undefined && isScannerProfileId(config.profile))
    return createFramer(config.profile);
  return new DelimiterFramer({ prefix: config.prefix, suffix: config.suffix });
}

/**
 * Magnetic stripe readers on serial: one frame per swipe, the tracks with their sentinels; a swipe
 * with no line ending after it ends when the line goes quiet.
 */
export function magstripeFramer(): Framer {
  const framer = new MagstripeFramer();
  const frames = (results: MagstripeResult[]): FrameOut =>
    results.map((r) =>
      'swipe' in r ? { bytes: latin1(r.swipe) } : { bytes: empty, error: r.error },
    );
  return {
    push: (chunk) => frames(framer.push(chunk)),
    idle: () => frames(framer.flush()),
  };
}

/** NFC / RFID badge readers: one normalised hex UID per line. */
export function uidFramer(): Framer {
  const reader = new UidLineReader();
  return {
    push: (chunk): FrameOut =>
      reader
        .push(chunk)
        .map((r) => ('uid' in r ? { bytes: latin1(r.uid) } : { bytes: empty, error: r.error })),
  };
}

export function cardFramer(config: DeviceConfig): Framer {
  return config.cardFormat === 'uid' ? uidFramer() : magstripeFramer();
}

/** UHF readers: ASCII lines, or whole R2000 frames (garbage is skipped while resynchronising). */
export function rfidFramer(protocol: 'ascii' | 'r2000'): Framer {
  if (protocol === 'ascii') return new AsciiLineFramer();
  const framer = new R2000Framer();
  return { push: (chunk): FrameOut => framer.push(chunk).map((frame) => ({ bytes: frame.bytes })) };
}

/** Printers: every chunk read is passed on as it is (status reply bytes). */
export function passThroughFramer(): Framer {
  return { push: (chunk): FrameOut => [{ bytes: Uint8Array.from(chunk) }] };
}

export function framerFor(config: DeviceConfig): () => Framer {
  switch (config.kind) {
    case 'scanner':
      return () => scannerFramer(config);
    case 'card-reader':
      return () => cardFramer(config);
    case 'rfid':
      return () => rfidFramer(config.protocol);
    case 'printer':
      return passThroughFramer;
  }
}
