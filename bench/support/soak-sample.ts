/**
 * One sample of a soak kiosk, from outside the process where the OS knows it (/proc: resident
 * memory, open file descriptors), from its metrics file for what only the process knows (JS heap,
 * active resources, listeners), and from its database file read-only (size, outbox depth).
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MetricsLine } from '../../host/metrics-file';

export interface SoakSample {
  /** Seconds since the soak started. */
  t: number;
  visits: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Heap used right after the last full collection since the sample before; null if none ran. */
  heapAfterGcBytes: number | null;
  fds: number;
  activeResources: number;
  listeners: number;
  dbBytes: number;
  outboxDepth: number;
}

function vmRssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** The metrics lines appended to `file` after its first `fromByte` bytes, and where they end. */
function metricsLinesAfter(file: string, fromByte: number): { lines: MetricsLine[]; end: number } {
  if (!existsSync(file)) return { lines: [], end: fromByte };
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const tail = Buffer.alloc(Math.max(0, fstatSync(fd).size - fromByte));
    readSync(fd, tail, 0, tail.length, fromByte);
    text = tail.toString('utf8');
  } finally {
    closeSync(fd);
  }
  // a line still being written (no newline yet) is read next time
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return {
    lines: complete
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as MetricsLine),
    end: fromByte + Buffer.byteLength(complete),
  };
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export interface SoakProbe {
  sample(t: number, visits: number): SoakSample;
  /** Outbox rows not acked, without taking a sample. */
  outboxDepth(): number;
  close(): void;
}

export function soakProbe(pid: number, dataDir: string, metricsFile: string): SoakProbe {
  const dbPath = join(dataDir, 'kiosk.db');
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const depth = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE state <> 'acked'",
  );
  let readTo = 0;
  let metrics: MetricsLine | undefined;
  return {
    sample(t, visits) {
      // Only the lines since the sample before: a full collection is in the line written after it.
      const fresh = metricsLinesAfter(metricsFile, readTo);
      readTo = fresh.end;
      metrics = fresh.lines.at(-1) ?? metrics;
      const afterGc = fresh.lines
        .map((line) => line.heapAfterMajorGcBytes)
        .filter((bytes) => typeof bytes === 'number');
      return {
        t,
        visits,
        rssBytes: vmRssBytes(pid),
        heapUsedBytes: metrics?.heapUsedBytes ?? 0,
        heapAfterGcBytes: afterGc.at(-1) ?? null,
        fds: readdirSync(`/proc/${pid}/fd`).length,
        activeResources: metrics?.activeResources ?? 0,
        listeners: (metrics?.hostListeners ?? 0) + (metrics?.processListeners ?? 0),
        dbBytes: fileBytes(dbPath) + fileBytes(`${dbPath}-wal`),
        outboxDepth: depth.get()?.n ?? 0,
      };
    },
    outboxDepth: () => depth.get()?.n ?? 0,
    close: () => db.close(),
  };
}

/** The lowest value of a window: for the JS heap, about the live heap after a collection. */
export function windowFloor(values: number[]): number {
  return values.length === 0 ? 0 : Math.min(...values);
}

/** Median of a window of samples' values. */
function windowMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Drift of `pick` after warm-up: the median of the last tenth of the samples against the median
 * of the first tenth after warm-up (the first `warmUpShare` of the run), as a signed fraction.
 */
export function driftAfterWarmUp(
  samples: SoakSample[],
  pick: (s: SoakSample) => number,
  warmUpShare = 0.2,
  summary: (values: number[]) => number = windowMedian,
): { from: number; to: number; change: number } {
  const steady = samples.slice(Math.floor(samples.length * warmUpShare));
  const tenth = Math.max(1, Math.floor(steady.length / 10));
  const from = summary(steady.slice(0, tenth).map(pick));
  const to = summary(steady.slice(-tenth).map(pick));
  return { from, to, change: from === 0 ? 0 : (to - from) / from };
}

/**
 * Drift of the live heap after warm-up: the heap used right after a full collection, the median of
 * the first tenth of those collections after warm-up against the median of the last tenth, at
 * least `minCollections` each (a full collection comes every few minutes, so a tenth may hold one).
 */
export function liveHeapDrift(
  samples: SoakSample[],
  warmUpShare = 0.2,
  minCollections = 3,
): { from: number; to: number; change: number; collections: number } {
  const live = samples
    .slice(Math.floor(samples.length * warmUpShare))
    .map((s) => s.heapAfterGcBytes)
    .filter((bytes) => bytes !== null);
  const n = Math.max(minCollections, Math.floor(live.length / 10));
  if (live.length < 2 * n) return { from: 0, to: 0, change: Number.NaN, collections: live.length };
  const from = windowMedian(live.slice(0, n));
  const to = windowMedian(live.slice(-n));
  return { from, to, change: (to - from) / from, collections: live.length };
}
