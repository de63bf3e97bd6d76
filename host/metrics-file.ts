/**
 * Soak metrics: when `KIOSK_METRICS_FILE` is set, the host appends one JSON line to that file every
 * `KIOSK_METRICS_MS` (default 5 s, and once at start) with its memory, open handles and listener
 * counts. A file the operator chose, never the bridge: the renderer stays unable to read it.
 *
 * Heap used at an arbitrary moment is a sawtooth (garbage piles up in the old space until V8's
 * next full collection, whose threshold V8 moves with its own heuristics), so each line also
 * carries the heap used right after the last full (mark-compact) collection since the line
 * before: the live heap, which is what a leak raises.
 */
import { appendFileSync } from 'node:fs';
import { GCProfiler } from 'node:v8';

export interface MetricsLine {
  at: string;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** Timers, sockets, file handles… the event loop holds (process.getActiveResourcesInfo()). */
  activeResources: number;
  /** Listeners on the process object (signals, exit, warnings). */
  processListeners: number;
  /** Listeners held by the host's long-lived emitters (e.g. the device manager). */
  hostListeners: number;
  /** Heap used right after the last full collection since the previous line; null if none ran. */
  heapAfterMajorGcBytes: number | null;
  /** Full (mark-compact) collections since the previous line. */
  majorGcs: number;
}

/** What the metrics line needs from V8's GC records (a GCProfiler's `statistics`). */
export interface GcRecord {
  gcType: string;
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

/** The full collections among `records` (oldest first): how many, and the heap used after the last. */
export function majorGcSummary(records: readonly GcRecord[]): {
  heapAfterMajorGcBytes: number | null;
  majorGcs: number;
} {
  const major = records.filter((r) => r.gcType === 'MarkSweepCompact');
  return {
    heapAfterMajorGcBytes: major.at(-1)?.afterGC.heapStatistics.usedHeapSize ?? null,
    majorGcs: major.length,
  };
}

/**
 * Collects GC records between two reads; each read restarts the profiler so the records it
 * holds never outgrow one interval.
 */
function gcWatch(): { read(): readonly GcRecord[]; stop(): void } {
  let profiler = new GCProfiler();
  profiler.start();
  return {
    read() {
      const records = profiler.stop()?.statistics ?? [];
      profiler = new GCProfiler();
      profiler.start();
      return records;
    },
    stop: () => void profiler.stop(),
  };
}

export interface MetricsSources {
  hostListeners(): number;
}

export function metricsLine(
  sources: MetricsSources,
  gcs: readonly GcRecord[] = [],
  now = new Date(),
): MetricsLine {
  const memory = process.memoryUsage();
  return {
    at: now.toISOString(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    activeResources: process.getActiveResourcesInfo().length,
    processListeners: process
      .eventNames()
      .reduce((sum, event) => sum + process.listenerCount(event), 0),
    hostListeners: sources.hostListeners(),
    ...majorGcSummary(gcs),
  };
}

/**
 * Starts writing when `env.KIOSK_METRICS_FILE` is set; returns the stop function (a no-op
 * otherwise). A failed write is reported once to `onError` and the kiosk carries on.
 */
export function startMetricsFile(
  env: NodeJS.ProcessEnv,
  sources: MetricsSources,
  onError: (error: unknown) => void,
): () => void {
  const file = env.KIOSK_METRICS_FILE;
  if (!file) return () => undefined;
  const everyMs = Math.max(100, Number(env.KIOSK_METRICS_MS ?? 5000) || 5000);
  let failed = false;
  const gc = gcWatch();
  const write = () => {
    try {
      appendFileSync(file, `${JSON.stringify(metricsLine(sources, gc.read()))}\n`);
    } catch (error) {
      if (!failed) onError(error);
      failed = true;
    }
  };
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    gc.stop();
  };
}
