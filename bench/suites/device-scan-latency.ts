/**
 * Scan latency on a serial line, as a ratio to the line's own transmission time: a simulated
 * scanner writes each frame at 9600 or 115200 baud (paced, 10 bits per byte, since a pty ignores
 * the baud rate) and the time from the first byte written to the device manager's `data` event is
 * divided by the frame's transmission time. 1.0 would mean the driver adds nothing.
 */
import { DeviceManager, type ManagerData } from '../../device/manager';
import { deviceConfigSchema } from '../../device/config';
import { PacedWriter, transmissionMs } from '../../device/sim/paced-writer';
import { createPtyPair } from '../../device/sim/pty-pair';
import { tempDir } from '../../test/support/temp';
import { epochMs, median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'device-scan-latency';

const frame = Buffer.from('6970001000016\r', 'latin1');

async function measure(baud: number, scans: number): Promise<BenchRow[]> {
  const dir = tempDir('kiosk-bench-');
  const pair = await createPtyPair(dir.path, 'scanner');
  const manager = new DeviceManager({
    devices: [
      deviceConfigSchema.parse({
        id: 'scanner-1',
        kind: 'scanner',
        transport: 'serial',
        path: pair.devicePath,
        baudRate: baud,
      }),
    ],
    simDir: dir.path,
  });
  let arrived: ((at: number) => void) | null = null;
  manager.on('data', (_data: ManagerData) => arrived?.(epochMs()));
  await manager.start();
  const writer = new PacedWriter(pair.simPath);
  const ratios: number[] = [];
  const overheads: number[] = [];
  const lineMs = transmissionMs(frame.length, baud);
  try {
    for (let i = 0; i < scans + 10; i++) {
      const event = new Promise<number>((resolve) => (arrived = resolve));
      const sent = await writer.send(frame, baud);
      const at = await event;
      if (i < 10) continue; // warm-up
      ratios.push((at - sent.first) / lineMs);
      overheads.push(at - sent.first - lineMs);
    }
  } finally {
    await writer.close();
    await manager.close();
    await pair.close();
    dir.remove();
  }
  const label = `${baud} baud, ${frame.length}-byte frame (line ${round(lineMs, 2)} ms)`;
  return [
    {
      suite: name,
      metric: `${label}: latency / line time, median`,
      value: round(median(ratios)),
      unit: 'x',
    },
    {
      suite: name,
      metric: `${baud} baud: latency / line time, p99`,
      value: round(percentile(ratios, 99)),
      unit: 'x',
    },
    {
      suite: name,
      metric: `${baud} baud: added after the last byte, median`,
      value: round(median(overheads)),
      unit: 'ms',
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const scans = Number(process.env.BENCH_SCANS ?? 200);
  return [...(await measure(9600, Math.min(scans, 200))), ...(await measure(115200, scans))];
}
