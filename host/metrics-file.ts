/**
 * Soak metrics: when `KIOSK_METRICS_FILE` is set, the host appends one JSON line to that file every
 * `KIOSK_METRICS_MS` (default 5 s, and once at start) with its memory, open handles and listener
 * counts. A file the operator chose, never the bridge: the renderer stays unable to read it.
 */
import { appendFileSync } from 'node:fs';

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
}

export interface MetricsSources {
  hostListeners(): number;
}

export function metricsLine(sources: MetricsSources, now = new Date()): MetricsLine {
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
  const write = () => {
    try {
      appendFileSync(file, `${JSON.stringify(metricsLine(sources))}\n`);
    } catch (error) {
      if (!failed) onError(error);
      failed = true;
    }
  };
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
