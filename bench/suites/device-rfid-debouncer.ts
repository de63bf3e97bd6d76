/**
 * RFID debouncer: raw throughput (reads/s, a realistic mix of tags in view and weak neighbours)
 * and the CPU share it takes while fed 10,000 reads/s in real time (process.cpuUsage over wall
 * time, batches every 10 ms, as a busy reader's frames would arrive).
 */
import { TagDebouncer } from '../../device/rfid/debouncer';
import { benchDebouncer } from '../../device/rfid/debouncer-bench';
import type { TagRead } from '../../device/rfid/types';
import { round, type BenchRow } from '../support/stats';

export const name = 'device-rfid-debouncer';

function pool(size: number): TagRead[] {
  const reads: TagRead[] = [];
  for (let i = 0; i < size; i++) {
    const tag = (i * 7919) % 300;
    reads.push({
      epc: `30742${tag.toString(16).toUpperCase().padStart(19, '0')}`,
      antenna: 1 + (i & 3),
      rssi: tag % 10 === 0 ? -80 : -40 - (i % 25),
    });
  }
  return reads;
}

async function cpuShareAt(
  readsPerSecond: number,
  seconds: number,
): Promise<{ share: number; fed: number; events: number }> {
  const reads = pool(4096);
  const debouncer = new TagDebouncer();
  let fed = 0;
  let events = 0;
  let intervals = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // Catch up to the schedule, so timer jitter does not lower the rate.
      const due = Math.min(
        readsPerSecond * seconds,
        Math.floor(((performance.now() - wall0) / 1000) * readsPerSecond),
      );
      const now = Date.now();
      while (fed < due) {
        events += debouncer.read(reads[fed & 4095]!, now).length;
        fed++;
      }
      if (++intervals % 20 === 0) events += debouncer.tick(now).length; // leaves, every 200 ms
      if (fed >= readsPerSecond * seconds) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  return { share: (cpu.user + cpu.system) / 1000 / wallMs, fed, events };
}

export async function run(): Promise<BenchRow[]> {
  benchDebouncer(200_000); // warm-up
  const throughput = benchDebouncer(2_000_000);
  const load = await cpuShareAt(10_000, 3);
  return [
    {
      suite: name,
      metric: 'throughput (2M reads, 300 tags in view)',
      value: throughput.readsPerSecond,
      unit: 'reads/s',
    },
    {
      suite: name,
      metric: `CPU share of one core at 10,000 reads/s (${load.fed} reads over 3 s, incl. timer overhead)`,
      value: round(load.share * 100, 2),
      unit: '%',
    },
  ];
}
