/**
 * The one scan path through the real host: a simulated scanner and UHF reader on ptys, the device
 * manager, `wireDeviceEvents`, the screen service's decoding and routing, and the `session.changed`
 * the renderer listens to — the only event a scan or a tag produces.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../bridge/views';
import { formatAsciiRead } from '../device/rfid/ascii-protocol';
import { encodeSgtin96 } from '../device/sim/sgtin-encoder';
import { demoStore, tempDir } from '../test/support/temp';
import { until } from '../test/support/until';
import { DeviceManager } from '../device/manager';
import { startKioskHost, type KioskHost } from './app';
import { wireDeviceEvents } from './device-events';
import { parseConfig } from './config';
import { createLogger } from './log';

let dir: ReturnType<typeof tempDir>;
let host: KioskHost;
const events: Array<{ event: string; payload: unknown }> = [];
const views = () =>
  events.flatMap((e) => (e.event === 'session.changed' ? [e.payload as SessionView] : []));

beforeAll(async () => {
  dir = tempDir();
  const config = parseConfig({
    storeId: 'S001',
    role: 'mirror',
    devices: [
      { id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' },
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

describe('scans and tags through the host', () => {
  it('turns one scan into one session.changed with the garment card, and nothing else', async () => {
    const before = events.length;
    host.devices.simulator('scanner-1')?.send(Buffer.from('6970001000023\r', 'latin1'));
    await until(() => views().some((v) => v.cards.some((c) => c.sku === 'DRE001-WHT-S')));
    const fromScan = events.slice(before);
    expect(fromScan.map((e) => e.event)).toEqual(['session.changed']);
  });

  it('shows a garment once its tag is read enough times; the weak neighbour never', async () => {
    const epc = encodeSgtin96({ gtin: '6970001000016', serial: 1001 });
    const neighbour = encodeSgtin96({ gtin: '6970001000030', serial: 7 });
    const simulator = host.devices.simulator('rfid-1');
    expect(simulator).not.toBeNull();
    for (let i = 0; i < 4; i++) {
      simulator?.send(Buffer.from(formatAsciiRead({ epc, antenna: 1, rssi: -48 }), 'latin1'));
      simulator?.send(
        Buffer.from(formatAsciiRead({ epc: neighbour, antenna: 2, rssi: -85 }), 'latin1'),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await until(() => views().some((v) => v.cards[0]?.sku === 'DRE001-WHT-XS'));
    const last = views().at(-1);
    expect(last?.cards[0]).toMatchObject({ sku: 'DRE001-WHT-XS', source: 'rfid' });
    expect(last?.cards.some((c) => c.sku.startsWith('DRE001-WHT-M'))).toBe(false);
    expect(events.some((e) => e.event.startsWith('rfid.') || e.event === 'device.scan')).toBe(
      false,
    );
  });
});

describe('wireDeviceEvents', () => {
  it('subscribes once to each device event and releases every subscription', () => {
    const devices = new DeviceManager({ devices: [], simDir: join(dir.path, 'unwired') });
    const events = ['data', 'rfid', 'error', 'status'] as const;
    const unwire = wireDeviceEvents({
      devices,
      screens: {
        handleScan: () => undefined,
        rfidEnter: () => undefined,
        rfidLeave: () => undefined,
      },
      emit: () => undefined,
      log: createLogger(null, 'silent'),
    });
    expect(events.map((e) => devices.listenerCount(e))).toEqual([1, 1, 1, 1]);
    unwire();
    expect(events.map((e) => devices.listenerCount(e))).toEqual([0, 0, 0, 0]);
  });
});
