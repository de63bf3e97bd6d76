/**
 * Throughput of TagDebouncer on a realistic mix: a few hundred tags in view, most above the floor,
 * some neighbours' weak tags below it, time advancing ~1 ms per 100 reads, a tick every 10 000 reads.
 * Called by bench/; not a test (speeds are measured, not asserted).
 */
import { performance } from 'node:perf_hooks';
import { TagDebouncer } from './debouncer';
import type { TagRead } from './types';

export function benchDebouncer(
  reads: number,
  tagsInView = 300,
): { readsPerSecond: number; events: number } {
  if (!Number.isInteger(reads) || reads < 1)
    throw new TypeError('reads must be a positive integer');
  const pool: TagRead[] = [];
  // A deterministic LCG so runs are comparable.
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < 4096; i++) {
    const tag = Math.floor(rand() * tagsInView);
    pool.push({
      epc: `30742${tag.toString(16).toUpperCase().padStart(19, '0')}`,
      antenna: 1 + (i & 3),
      rssi: tag % 10 === 0 ? -80 : -40 - rand() * 25,
    });
  }
  const debouncer = new TagDebouncer();
  let events = 0;
  const start = performance.now();
  for (let i = 0; i < reads; i++) {
    const now = i / 100;
    events += debouncer.read(pool[i & 4095]!, now).length;
    if (i % 10_000 === 0) events += debouncer.tick(now).length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { readsPerSecond: Math.round(reads / Math.max(seconds, 1e-9)), events };
}
