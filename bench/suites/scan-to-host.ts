/**
 * pty write → `session.changed` in the host: the whole host path of a scan (serial driver,
 * framing, decode, routing, the mirror's garment card from SQLite, the view and its bridge event
 * validation), 1,000 scans one after another.
 */
import { join } from 'node:path';
import { startKioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';

import { demoStore, tempDir } from '../../test/support/temp';
import { latencyRows, type BenchRow } from '../support/stats';
import { ptyScanner } from '../support/pty-scanner';

export const name = 'scan-to-host';

const codes = ['6970001000016', '6970001000023', '6970001000030', '6970001000047'];

export async function run(): Promise<BenchRow[]> {
  const scans = Number(process.env.BENCH_SCANS ?? 1000);
  const dir = tempDir('kiosk-bench-');
  const scanner = await ptyScanner(dir.path);
  const { pair } = scanner;
  const config = parseConfig({
    storeId: 'S001',
    role: 'mirror',
    devices: [scanner.device],
  });
  const host = await startKioskHost({
    config,
    dataDir: join(dir.path, 'data'),
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(null, 'warn'),
  });
  const writer = scanner.writer();
  let resolveScan: (() => void) | null = null;
  host.bridge.subscribe((event) => {
    if (event === 'session.changed') resolveScan?.();
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < scans + 20; i++) {
      const arrived = new Promise<void>((resolve) => (resolveScan = resolve));
      const t0 = performance.now();
      writer.write(`${codes[i % codes.length]}\r`);
      await arrived;
      if (i >= 20) samples.push(performance.now() - t0); // the first scans warm the JIT and caches
    }
  } finally {
    writer.close();
    await host.close();
    await pair.close();
    dir.remove();
  }
  return latencyRows(name, 'pty write → session.changed', samples, 99);
}
