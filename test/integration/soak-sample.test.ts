/**
 * The soak's probe and verdict for the JS heap: the live heap comes from every metrics line the
 * kiosk wrote since the sample before (a full collection is reported once, in the line after it),
 * and the verdict compares collections after warm-up, never the sawtooth between them.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveHeapDrift, soakProbe, type SoakSample } from '../../bench/support/soak-sample';
import type { MetricsLine } from '../../host/metrics-file';
import { tempDir } from '../support/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('soak-sample-');
  const db = new Database(join(dir.path, 'kiosk.db'));
  db.exec("CREATE TABLE outbox (id INTEGER PRIMARY KEY, state TEXT NOT NULL DEFAULT 'pending')");
  db.exec("INSERT INTO outbox (state) VALUES ('pending'), ('acked')");
  db.close();
});
afterEach(() => dir.remove());

const line = (heapUsedBytes: number, heapAfterMajorGcBytes: number | null): MetricsLine => ({
  at: new Date().toISOString(),
  rssBytes: 1,
  heapUsedBytes,
  heapTotalBytes: 2 * heapUsedBytes,
  externalBytes: 0,
  activeResources: 3,
  processListeners: 1,
  hostListeners: 2,
  heapAfterMajorGcBytes,
  majorGcs: heapAfterMajorGcBytes === null ? 0 : 1,
});

describe('the soak probe', () => {
  it('takes the live heap from any line since the sample before, and each collection once', () => {
    const file = join(dir.path, 'metrics.jsonl');
    const write = (l: MetricsLine) => appendFileSync(file, `${JSON.stringify(l)}\n`);
    const probe = soakProbe(process.pid, dir.path, file);
    try {
      write(line(30, null));
      write(line(25, 24)); // a collection, then a line without one before the sample
      write(line(27, null));
      const first = probe.sample(1, 10);
      expect(first).toMatchObject({ heapUsedBytes: 27, heapAfterGcBytes: 24, outboxDepth: 1 });
      write(line(29, null));
      expect(probe.sample(2, 20).heapAfterGcBytes).toBeNull(); // not the same collection again
      expect(probe.outboxDepth()).toBe(1);
      write(line(28, 23));
      expect(probe.sample(3, 30).heapAfterGcBytes).toBe(23); // outboxDepth() took no sample
    } finally {
      probe.close();
    }
  });

  it('keeps the last line when none came since, and reads a half-written line once it is whole', () => {
    const file = join(dir.path, 'metrics.jsonl');
    const probe = soakProbe(process.pid, dir.path, file);
    try {
      appendFileSync(file, `${JSON.stringify(line(31, 22))}\n`);
      expect(probe.sample(1, 10)).toMatchObject({ heapUsedBytes: 31, heapAfterGcBytes: 22 });
      expect(probe.sample(2, 11)).toMatchObject({ heapUsedBytes: 31, heapAfterGcBytes: null });
      const next = JSON.stringify(line(33, 21));
      appendFileSync(file, next.slice(0, 20)); // the host is writing it
      expect(probe.sample(3, 12)).toMatchObject({ heapUsedBytes: 31, heapAfterGcBytes: null });
      appendFileSync(file, `${next.slice(20)}\n`);
      expect(probe.sample(4, 13)).toMatchObject({ heapUsedBytes: 33, heapAfterGcBytes: 21 });
    } finally {
      probe.close();
    }
  });
});

const samples = (live: Array<number | null>, used: (i: number) => number): SoakSample[] =>
  live.map((heapAfterGcBytes, i) => ({
    t: i,
    visits: i,
    rssBytes: 1,
    heapUsedBytes: used(i),
    heapAfterGcBytes,
    fds: 1,
    activeResources: 1,
    listeners: 1,
    dbBytes: 1,
    outboxDepth: 0,
  }));

describe('the live heap verdict', () => {
  it('compares collections after warm-up, not where the sawtooth stands', () => {
    // warm-up (the first fifth) collects down from 60; then a flat live heap of 100 under a
    // sawtooth whose last stretch sits high
    const live = Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? (i < 20 ? 60 : 100) : null));
    const drift = liveHeapDrift(samples(live, (i) => (i > 90 ? 140 : 110)));
    expect(drift).toMatchObject({ from: 100, to: 100, change: 0, collections: 16 });
  });

  it('sees a live heap that grows', () => {
    const live = Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? 100 + i : null));
    const drift = liveHeapDrift(samples(live, () => 200));
    expect(drift.from).toBe(125); // median of the first three after warm-up: 120, 125, 130
    expect(drift.to).toBe(190); // of the last three: 185, 190, 195
    expect(drift.change).toBeCloseTo(0.52, 2);
  });

  it('says it cannot tell with fewer than three collections on each side', () => {
    const live = Array.from({ length: 100 }, (_, i) => (i === 50 || i === 90 ? 100 : null));
    expect(liveHeapDrift(samples(live, () => 200)).change).toBeNaN();
  });
});
