/**
 * One sample of a soak kiosk, from outside the process where the OS knows it (/proc: resident
 * memory, open file descriptors), from its metrics file for what only the process knows (JS heap,
 * active resources, listeners), and from its database file read-only (size, outbox depth).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MetricsLine } from '../../host/metrics-file';

export interface SoakSample {
  /** Seconds since the soak started. */
  t: number;
  visits: number;
  rssBytes: number;
  heapUsedBytes: number;
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

function lastMetrics(file: string): MetricsLine | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const last = lines.at(-1);
  return last ? (JSON.parse(last) as MetricsLine) : null;
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export interface SoakProbe {
  sample(t: number, visits: number): SoakSample;
  close(): void;
}

export function soakProbe(pid: number, dataDir: string, metricsFile: string): SoakProbe {
  const dbPath = join(dataDir, 'kiosk.db');
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const depth = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE state <> 'acked'",
  );
  return {
    sample(t, visits) {
      const metrics = lastMetrics(metricsFile);
      return {
        t,
        visits,
        rssBytes: vmRssBytes(pid),
        heapUsedBytes: metrics?.heapUsedBytes ?? 0,
        fds: readdirSync(`/proc/${pid}/fd`).length,
        activeResources: metrics?.activeResources ?? 0,
        listeners: (metrics?.hostListeners ?? 0) + (metrics?.processListeners ?? 0),
        dbBytes: fileBytes(dbPath) + fileBytes(`${dbPath}-wal`),
        outboxDepth: depth.get()?.n ?? 0,
      };
    },
    close: () => db.close(),
  };
}

/** Median of a window of samples' values. */
/** The lowest value of a window: for the JS heap, about the live heap after a collection. */
export function windowFloor(values: number[]): number {
  return values.length === 0 ? 0 : Math.min(...values);
}

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
