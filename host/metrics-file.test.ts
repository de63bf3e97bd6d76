import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp';
import { until } from '../test/support/until';
import { majorGcSummary, startMetricsFile, type MetricsLine } from './metrics-file';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];

describe('the soak metrics file', () => {
  it('writes nothing unless KIOSK_METRICS_FILE is set', () => {
    const stop = startMetricsFile({}, { hostListeners: () => 0 }, () => undefined);
    stop();
    expect(lines(join(dir.path, 'metrics.jsonl'))).toEqual([]);
  });

  it('appends a line at start and then every interval, with memory, resources and listeners', async () => {
    const file = join(dir.path, 'metrics.jsonl');
    const stop = startMetricsFile(
      { KIOSK_METRICS_FILE: file, KIOSK_METRICS_MS: '100' },
      { hostListeners: () => 7 },
      () => undefined,
    );
    expect(lines(file)).toHaveLength(1);
    await until(() => lines(file).length >= 3, 'three metrics lines');
    stop();
    const written = lines(file).length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(lines(file)).toHaveLength(written); // stopped means stopped
    const line: unknown = JSON.parse(lines(file)[0] ?? '{}');
    expect(line).toMatchObject({
      rssBytes: expect.any(Number),
      heapUsedBytes: expect.any(Number),
      activeResources: expect.any(Number),
      processListeners: expect.any(Number),
      hostListeners: 7,
    });
  });

  it('reports a file it cannot write once, and keeps running', async () => {
    const errors: unknown[] = [];
    const stop = startMetricsFile(
      {
        KIOSK_METRICS_FILE: join(dir.path, 'no-such-dir', 'metrics.jsonl'),
        KIOSK_METRICS_MS: '100',
      },
      { hostListeners: () => 0 },
      (error) => errors.push(error),
    );
    await new Promise((resolve) => setTimeout(resolve, 350));
    stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ENOENT' });
  });

  it('carries the heap used right after the last full collection since the line before', async () => {
    setFlagsFromString('--expose-gc');
    const collect: unknown = runInNewContext('gc');
    if (typeof collect !== 'function') throw new Error('gc() is not exposed');
    const file = join(dir.path, 'metrics.jsonl');
    const stop = startMetricsFile(
      { KIOSK_METRICS_FILE: file, KIOSK_METRICS_MS: '100' },
      { hostListeners: () => 0 },
      () => undefined,
    );
    const parsed = () => lines(file).map((l): MetricsLine => JSON.parse(l) as MetricsLine);
    expect(parsed()[0]).toMatchObject({ heapAfterMajorGcBytes: null, majorGcs: 0 });
    const written = parsed().length;
    collect();
    collect();
    await until(() => parsed().length > written, 'a line after the collections');
    stop();
    const after = parsed().slice(written);
    expect(after.reduce((n, l) => n + l.majorGcs, 0)).toBeGreaterThanOrEqual(2);
    const line = after.find((l) => l.majorGcs > 0);
    expect(line?.heapAfterMajorGcBytes).toBeGreaterThan(0);
    expect(line?.heapAfterMajorGcBytes).toBeLessThanOrEqual(line?.heapTotalBytes ?? 0);
    // each line holds only its own interval's collections
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(parsed().length).toBe(written + after.length);
  });

  it('summarises the full collections of an interval: how many, and the heap after the last', () => {
    const record = (gcType: string, usedHeapSize: number) => ({
      gcType,
      afterGC: { heapStatistics: { usedHeapSize } },
    });
    expect(majorGcSummary([])).toEqual({ heapAfterMajorGcBytes: null, majorGcs: 0 });
    expect(
      majorGcSummary([record('Scavenge', 9), record('MarkSweepCompact', 5), record('Scavenge', 7)]),
    ).toEqual({ heapAfterMajorGcBytes: 5, majorGcs: 1 });
    expect(majorGcSummary([record('MarkSweepCompact', 5), record('MarkSweepCompact', 4)])).toEqual({
      heapAfterMajorGcBytes: 4,
      majorGcs: 2,
    });
  });
});
