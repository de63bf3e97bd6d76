/** A garment's tag, read by a simulated UHF reader on a pty, reaches the renderer as rfid.enter / rfid.leave. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAsciiRead } from '../device/rfid/ascii-protocol';
import { encodeSgtin96 } from '../device/sim/sgtin-encoder';
import { demoStore, tempDir } from '../test/support/temp';
import { startKioskHost, type KioskHost } from './app';
import { parseConfig } from './config';
import { createLogger } from './log';
import { until } from '../test/support/until';

let dir: ReturnType<typeof tempDir>;
let host: KioskHost;
const events: Array<{ event: string; payload: unknown }> = [];

beforeAll(async () => {
  dir = tempDir();
  const config = parseConfig({
    storeId: 'S001',
    role: 'mirror',
    devices: [
      {
        id: 'rfid-1',
        kind: 'rfid',
        transport: 'sim',
        protocol: 'ascii',
        suffix: '\r\n',
        debounce: { enterReads: 3, windowMs: 1000, rssiFloor: -70, leaveAfterMs: 400 },
      },
    ],
  });
  host = await startKioskHost({
    config,
    dataDir: dir.path,
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(null, 'silent'),
  });
  host.bridge.subscribe((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await host.close();
  dir.remove();
});

describe('RFID through the host', () => {
  it('announces a garment once it is read enough times, with its SGTIN and product, and its leaving', async () => {
    const epc = encodeSgtin96({ gtin: '6970001000016', serial: 1001 });
    const simulator = host.devices.simulator('rfid-1');
    expect(simulator).not.toBeNull();
    const neighbour = encodeSgtin96({ gtin: '6970001000023', serial: 7 });
    for (let i = 0; i < 4; i++) {
      simulator?.send(Buffer.from(formatAsciiRead({ epc, antenna: 1, rssi: -48 }), 'latin1'));
      simulator?.send(
        Buffer.from(formatAsciiRead({ epc: neighbour, antenna: 2, rssi: -85 }), 'latin1'),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await until(() => events.some((e) => e.event === 'rfid.enter'));
    const enter = events.find((e) => e.event === 'rfid.enter')?.payload;
    expect(enter).toMatchObject({
      epc,
      antenna: 1,
      sgtin: { gtin: '06970001000016', serial: '1001' },
      product: { sku: 'DRE001-WHT-XS', name: { en: 'Water-repellent dress' } },
    });
    expect(events.filter((e) => e.event === 'rfid.enter')).toHaveLength(1); // the weak neighbour never enters
    await until(() => events.some((e) => e.event === 'rfid.leave'));
    expect(events.find((e) => e.event === 'rfid.leave')?.payload).toMatchObject({ epc });
  });
});
