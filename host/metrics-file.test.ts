import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp';
import { until } from '../test/support/until';
import { startMetricsFile } from './metrics-file';

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
});
