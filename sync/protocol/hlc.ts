import { z } from 'zod';

/**
 * Hybrid logical clock stamp as a fixed-width string: 15-digit wall-clock milliseconds, '-',
 * 5-digit logical counter, e.g. `001767225600000-00003`. Fixed width makes string order equal
 * to time order. The node identity is the sending device id (taken from its token), not part of
 * the string; ties between equal stamps are broken by device id.
 */
export const HlcSchema = z.string().regex(/^\d{15}-\d{5}$/, 'hlc must be 15 digits, "-", 5 digits');
export type Hlc = z.infer<typeof HlcSchema>;

export interface HlcParts {
  wallMs: number;
  counter: number;
}

export function formatHlc(parts: HlcParts): Hlc {
  return `${String(Math.max(0, Math.floor(parts.wallMs))).padStart(15, '0')}-${String(
    Math.max(0, Math.min(99999, Math.floor(parts.counter))),
  ).padStart(5, '0')}`;
}

/** Parses a stamp; returns null for anything that is not a valid stamp. */
export function parseHlc(hlc: string): HlcParts | null {
  if (!HlcSchema.safeParse(hlc).success) return null;
  return { wallMs: Number(hlc.slice(0, 15)), counter: Number(hlc.slice(16)) };
}

/** Orders two (stamp, device id) pairs: negative when a is older, positive when newer. */
export function compareStamped(
  a: { hlc: Hlc; deviceId: string },
  b: { hlc: Hlc; deviceId: string },
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId === b.deviceId) return 0;
  return a.deviceId < b.deviceId ? -1 : 1;
}

/**
 * Clamps a stamp from a device whose clock runs ahead: a wall time beyond `nowMs + maxSkewMs`
 * is replaced by `nowMs` (counter kept), so a bad clock cannot win every future conflict.
 */
export function clampHlc(hlc: Hlc, nowMs: number, maxSkewMs: number): Hlc {
  const parts = parseHlc(hlc);
  if (!parts || parts.wallMs <= nowMs + maxSkewMs) return hlc;
  return formatHlc({ wallMs: nowMs, counter: parts.counter });
}
