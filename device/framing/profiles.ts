/**
 * Per-device serial scanner profiles, as data: how each model frames a scan out of the box (or as
 * we configure it), and whether it sends an AIM identifier. `createFramer` turns a profile into a
 * `Framer`; `readScan` splits the AIM identifier off a frame when the profile says one is sent.
 *
 * Every delimiter profile also accepts the other line endings: a scanner re-configured from CR to
 * CR LF keeps working, because the leftover LF is dropped as whitespace.
 */
import { splitAim, type AimSplit } from './aim';
import { DelimiterFramer } from './delimiter-framer';
import type { Framer } from './framer';
import { StxEtxFramer } from './stx-etx-framer';

export type ScannerProfile =
  | {
      id: string;
      label: string;
      framing: 'delimiter';
      prefix?: string;
      suffix: readonly string[];
      aim: boolean;
      baudRate: number;
    }
  | {
      id: string;
      label: string;
      framing: 'stx-etx';
      checksum: 'none' | 'xor';
      aim: boolean;
      baudRate: number;
    };

const LINE_ENDINGS = ['\r\n', '\r', '\n'] as const;

export const scannerProfiles = {
  'generic-cr': {
    id: 'generic-cr',
    label: 'Any serial scanner ending scans with CR (or LF / CR LF)',
    framing: 'delimiter',
    suffix: LINE_ENDINGS,
    aim: false,
    baudRate: 9600,
  },
  'honeywell-serial': {
    id: 'honeywell-serial',
    label: 'Honeywell (Voyager, Xenon, Granit) in RS-232 / USB serial mode: suffix CR, AIM ID on',
    framing: 'delimiter',
    suffix: LINE_ENDINGS,
    aim: true,
    baudRate: 115200,
  },
  'zebra-serial': {
    id: 'zebra-serial',
    label: 'Zebra (DS22xx, DS36xx, LI4278) in USB CDC / RS-232 mode: suffix CR LF, AIM ID on',
    framing: 'delimiter',
    suffix: LINE_ENDINGS,
    aim: true,
    baudRate: 9600,
  },
  newland: {
    id: 'newland',
    label: 'Newland (HR/FR series) in USB COM mode: suffix CR, AIM ID on',
    framing: 'delimiter',
    suffix: LINE_ENDINGS,
    aim: true,
    baudRate: 9600,
  },
  'stx-etx': {
    id: 'stx-etx',
    label: 'Scanners configured with prefix STX and suffix ETX (no line ending)',
    framing: 'stx-etx',
    checksum: 'none',
    aim: false,
    baudRate: 9600,
  },
} as const satisfies Record<string, ScannerProfile>;

export type ScannerProfileId = keyof typeof scannerProfiles;

export function isScannerProfileId(id: string): id is ScannerProfileId {
  return Object.hasOwn(scannerProfiles, id);
}

/** A fresh framer for one device. Throws TypeError only for a malformed profile (a config bug). */
export function createFramer(
  profile: ScannerProfile | ScannerProfileId,
  maxFrameBytes = 4096,
): Framer {
  const p: ScannerProfile = typeof profile === 'string' ? scannerProfiles[profile] : profile;
  if (p === undefined) throw new TypeError(`unknown scanner profile "${String(profile)}"`);
  if (p.framing === 'stx-etx') return new StxEtxFramer({ checksum: p.checksum, maxFrameBytes });
  return new DelimiterFramer({ prefix: p.prefix, suffix: p.suffix, maxFrameBytes });
}

/** Splits the AIM identifier off a good frame when the profile sends one. */
export function readScan(profile: ScannerProfile, frame: Uint8Array): AimSplit {
  if (profile.aim) return splitAim(frame);
  return { aim: null, symbology: null, data: frame.slice() };
}
