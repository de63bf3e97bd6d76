/**
 * Hybrid logical clock (Kulkarni et al., 2014) for last-writer-wins preferences.
 *
 * A stamp is (wallMs, counter, deviceId). Guarantees:
 * - `tick` and `receive` return a stamp strictly greater than the local one (monotonic, even if
 *   the wall clock steps back);
 * - `receive` returns a stamp greater than the remote one, unless the remote was clamped;
 * - `compare` is a total order (wall, then counter, then deviceId by code unit) and agrees with
 *   plain string order of `serialize`, so stamps can be sorted and indexed as text;
 * - a remote wall time more than `maxDriftMs` ahead of our clock is clamped to now + maxDriftMs,
 *   so one kiosk with a clock set to 2099 cannot win every future write.
 */
import type { RuleResult } from './types';

export interface HlcStamp {
  wallMs: number;
  counter: number;
  deviceId: string;
}

/** Counter width in the text form; on overflow the wall time moves on by 1 ms instead. */
export const MAX_COUNTER = 9999;
const WALL_DIGITS = 18;
const COUNTER_DIGITS = 4;
export const DEFAULT_MAX_DRIFT_MS = 60_000;

function sane(ms: number): number {
  return Number.isSafeInteger(ms) && ms > 0 ? ms : 0;
}

/** Next stamp after (wallMs, counter): keeps the counter inside MAX_COUNTER. */
function bump(wallMs: number, counter: number, deviceId: string): HlcStamp {
  return counter > MAX_COUNTER
    ? { wallMs: wallMs + 1, counter: 0, deviceId }
    : { wallMs, counter, deviceId };
}

export function initial(deviceId: string): HlcStamp {
  return { wallMs: 0, counter: 0, deviceId };
}

/** Stamp for a local event at wall time `nowMs`. */
export function tick(local: HlcStamp, nowMs: number): HlcStamp {
  const now = sane(nowMs);
  if (now > local.wallMs) return { wallMs: now, counter: 0, deviceId: local.deviceId };
  return bump(local.wallMs, local.counter + 1, local.deviceId);
}

/** A stamp no further ahead than nowMs + maxDriftMs (counter reset when clamped). */
export function clampStamp(
  stamp: HlcStamp,
  nowMs: number,
  maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
): { stamp: HlcStamp; clamped: boolean } {
  const limit = sane(nowMs) + Math.max(0, maxDriftMs);
  // A counter outside the text form's width can only come from a bad peer: pin it into range.
  const counter = Number.isSafeInteger(stamp.counter)
    ? Math.min(Math.max(stamp.counter, 0), MAX_COUNTER)
    : 0;
  if (stamp.wallMs <= limit)
    return {
      stamp: { wallMs: sane(stamp.wallMs), counter, deviceId: stamp.deviceId },
      clamped: false,
    };
  return { stamp: { wallMs: limit, counter: 0, deviceId: stamp.deviceId }, clamped: true };
}

/** Merges a remote stamp into the local clock (on pulling a change); `clamped` tells the caller to log it. */
export function receive(
  local: HlcStamp,
  remote: HlcStamp,
  nowMs: number,
  maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
): { stamp: HlcStamp; clamped: boolean } {
  const { stamp: r, clamped } = clampStamp(remote, nowMs, maxDriftMs);
  const now = sane(nowMs);
  const wall = Math.max(local.wallMs, r.wallMs, now);
  let counter: number;
  if (wall === local.wallMs && wall === r.wallMs) counter = Math.max(local.counter, r.counter) + 1;
  else if (wall === local.wallMs) counter = local.counter + 1;
  else if (wall === r.wallMs) counter = r.counter + 1;
  else counter = 0;
  return { stamp: bump(wall, counter, local.deviceId), clamped };
}

/** Total order: wall time, then counter, then device id. */
export function compare(a: HlcStamp, b: HlcStamp): -1 | 0 | 1 {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return 0;
}

/** The later of two writes (last-writer-wins); equal stamps return `a`. */
export function lww<T extends { stamp: HlcStamp }>(a: T, b: T): T {
  return compare(a.stamp, b.stamp) >= 0 ? a : b;
}

/** '000001731234567890-0001-kiosk-7': sorts as text in the same order as `compare`. */
export function serialize(s: HlcStamp): string {
  return `${String(s.wallMs).padStart(WALL_DIGITS, '0')}-${String(s.counter).padStart(COUNTER_DIGITS, '0')}-${s.deviceId}`;
}

const STAMP = /^(\d{18})-(\d{4})-(.+)$/s;

export function parse(text: string): RuleResult<HlcStamp, 'invalid-hlc'> {
  const m = STAMP.exec(text);
  const wallMs = Number(m?.[1]);
  if (!m || m[3] === undefined || !Number.isSafeInteger(wallMs)) {
    return {
      ok: false,
      error: {
        code: 'invalid-hlc',
        message: `not an HLC stamp: ${JSON.stringify(text.slice(0, 80))}`,
      },
    };
  }
  return { ok: true, value: { wallMs, counter: Number(m[2]), deviceId: m[3] } };
}
