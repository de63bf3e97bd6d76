/**
 * Turns a noisy stream of tag reads into enter/leave events. A tag *enters* once it has been read
 * `enterReads` times within `windowMs`, each read at or above `rssiFloor`; it *leaves* once no such
 * read has arrived for `leaveAfterMs`. Time is passed in by the caller (no timers inside), so the
 * behaviour is deterministic and testable.
 *
 * Guarantees: O(1) work per read (one Map lookup and a ring-buffer write); a read below the floor
 * of a tag we do not track allocates nothing, so a neighbour's weak tag never enters and never
 * costs memory; candidates that go quiet are evicted on `tick`, and at most `maxTracked` tags are
 * tracked at once (reads of further new tags are ignored and counted in `stats.ignored`).
 * A tag that leaves and comes back enters again.
 */
import type { TagRead } from './types';

export interface DebouncerOptions {
  /** Reads needed within the window to enter (N). */
  enterReads: number;
  windowMs: number;
  /** dBm; reads weaker than this are ignored. */
  rssiFloor: number;
  leaveAfterMs: number;
  /** Upper bound on tags tracked at once (candidates + present). */
  maxTracked: number;
}

export interface TagEvent {
  type: 'enter' | 'leave';
  epc: string;
  /** Antenna of the strongest read. */
  antenna: number;
  /** Peak RSSI (dBm): over the entering reads for `enter`, over the whole stay for `leave`. */
  rssi: number;
  /** Mean RSSI (dBm) of the same reads. */
  rssiMean: number;
  /** Caller's clock (ms): the qualifying read for `enter`, last read + leaveAfterMs for `leave`. */
  at: number;
}

export const defaultDebouncerOptions: DebouncerOptions = {
  enterReads: 3,
  windowMs: 1000,
  rssiFloor: -70,
  leaveAfterMs: 3000,
  maxTracked: 10_000,
};

interface TagState {
  epc: string;
  present: boolean;
  /** Ring of the last `enterReads` qualifying read times (candidates only). */
  times: Float64Array;
  rssis: Float64Array;
  antennas: Uint16Array;
  next: number;
  filled: number;
  lastSeen: number;
  peakRssi: number;
  peakAntenna: number;
  rssiSum: number;
  reads: number;
}

function checkOption(name: string, value: number, min: number, integer: boolean): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new TypeError(
      `${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(value)}`,
    );
  }
}

/** Validates options; a wrong value is a TypeError at construction, never a surprise later. */
export function resolveDebouncerOptions(options: Partial<DebouncerOptions> = {}): DebouncerOptions {
  const o = { ...defaultDebouncerOptions, ...options };
  checkOption('enterReads', o.enterReads, 1, true);
  if (o.enterReads > 1000) throw new TypeError('enterReads must be <= 1000');
  checkOption('windowMs', o.windowMs, 0, false);
  checkOption('leaveAfterMs', o.leaveAfterMs, 1, false);
  checkOption('maxTracked', o.maxTracked, 1, true);
  if (typeof o.rssiFloor !== 'number' || !Number.isFinite(o.rssiFloor)) {
    throw new TypeError(`rssiFloor must be a finite number (dBm), got ${String(o.rssiFloor)}`);
  }
  return o;
}

export class TagDebouncer {
  readonly options: Readonly<DebouncerOptions>;
  private readonly tags = new Map<string, TagState>();
  private ignored = 0;

  constructor(options: Partial<DebouncerOptions> = {}) {
    this.options = resolveDebouncerOptions(options);
  }

  get stats(): { tracked: number; present: number; ignored: number } {
    let present = 0;
    for (const t of this.tags.values()) if (t.present) present++;
    return { tracked: this.tags.size, present, ignored: this.ignored };
  }

  /** EPCs currently present (entered and not yet left). */
  presentTags(): string[] {
    const out: string[] = [];
    for (const t of this.tags.values()) if (t.present) out.push(t.epc);
    return out;
  }

  read(read: TagRead, nowMs: number): TagEvent[] {
    const { rssi } = read;
    if (!(rssi >= this.options.rssiFloor) || !Number.isFinite(nowMs)) return [];
    let tag = this.tags.get(read.epc);
    if (tag === undefined) {
      if (this.tags.size >= this.options.maxTracked) {
        this.evictStale(nowMs);
        if (this.tags.size >= this.options.maxTracked) {
          this.ignored++;
          return [];
        }
      }
      tag = this.newState(read.epc);
      this.tags.set(read.epc, tag);
    }
    let events: TagEvent[] | null = null;
    if (tag.present) {
      if (nowMs - tag.lastSeen >= this.options.leaveAfterMs) {
        // No tick came between: the tag left, and this read starts a fresh visit.
        events = [this.leave(tag)];
        this.resetCandidate(tag);
      } else {
        tag.lastSeen = nowMs;
        tag.reads++;
        tag.rssiSum += rssi;
        if (rssi > tag.peakRssi) {
          tag.peakRssi = rssi;
          tag.peakAntenna = read.antenna;
        }
        return [];
      }
    }
    const n = this.options.enterReads;
    const i = tag.next;
    tag.times[i] = nowMs;
    tag.rssis[i] = rssi;
    tag.antennas[i] = read.antenna;
    tag.next = i + 1 === n ? 0 : i + 1;
    if (tag.filled < n) tag.filled++;
    tag.lastSeen = nowMs;
    // With the ring full, the slot about to be overwritten holds the oldest of the last N reads.
    if (tag.filled === n && nowMs - (tag.times[tag.next] ?? 0) <= this.options.windowMs) {
      const enter = this.enter(tag, nowMs);
      if (events === null) return [enter];
      events.push(enter);
    }
    return events ?? [];
  }

  /** Emits the leaves due at `nowMs` and evicts candidates that went quiet. O(tracked tags). */
  tick(nowMs: number): TagEvent[] {
    if (!Number.isFinite(nowMs)) return [];
    const events: TagEvent[] = [];
    for (const [epc, tag] of this.tags) {
      if (tag.present) {
        if (nowMs - tag.lastSeen >= this.options.leaveAfterMs) {
          events.push(this.leave(tag));
          this.tags.delete(epc);
        }
      } else if (nowMs - tag.lastSeen > this.options.windowMs) {
        this.tags.delete(epc);
      }
    }
    return events;
  }

  private evictStale(nowMs: number): void {
    for (const [epc, tag] of this.tags) {
      if (!tag.present && nowMs - tag.lastSeen > this.options.windowMs) this.tags.delete(epc);
    }
  }

  private newState(epc: string): TagState {
    const n = this.options.enterReads;
    return {
      epc,
      present: false,
      times: new Float64Array(n),
      rssis: new Float64Array(n),
      antennas: new Uint16Array(n),
      next: 0,
      filled: 0,
      lastSeen: 0,
      peakRssi: -Infinity,
      peakAntenna: 0,
      rssiSum: 0,
      reads: 0,
    };
  }

  private resetCandidate(tag: TagState): void {
    tag.present = false;
    tag.next = 0;
    tag.filled = 0;
  }

  private enter(tag: TagState, nowMs: number): TagEvent {
    let peak = -Infinity;
    let antenna = 0;
    let sum = 0;
    for (let k = 0; k < tag.filled; k++) {
      const r = tag.rssis[k] ?? -Infinity;
      sum += r;
      if (r > peak) {
        peak = r;
        antenna = tag.antennas[k] ?? 0;
      }
    }
    tag.present = true;
    tag.peakRssi = peak;
    tag.peakAntenna = antenna;
    tag.rssiSum = sum;
    tag.reads = tag.filled;
    return {
      type: 'enter',
      epc: tag.epc,
      antenna,
      rssi: peak,
      rssiMean: sum / tag.filled,
      at: nowMs,
    };
  }

  private leave(tag: TagState): TagEvent {
    return {
      type: 'leave',
      epc: tag.epc,
      antenna: tag.peakAntenna,
      rssi: tag.peakRssi,
      rssiMean: tag.reads > 0 ? tag.rssiSum / tag.reads : tag.peakRssi,
      at: tag.lastSeen + this.options.leaveAfterMs,
    };
  }
}
