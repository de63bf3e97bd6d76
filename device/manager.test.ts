/** The device manager end to end on pseudo-terminals and the simulated HID bus. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp';
import { deviceConfigSchema, type DeviceConfig } from './config';
import { encodeHidPosReports } from './hid/hid-pos-encoder';
import { SimHidBus } from './hid-driver/sim-transport';
import { DeviceManager, type ManagerData, type RfidTagEvent } from './manager';
import { EscPos } from './printer/escpos-encoder';
import { TtyWriter } from './sim/line-writer';
import { createPtyPair } from './sim/pty-pair';
import { until } from '../test/support/until';

let dir: ReturnType<typeof tempDir>;
let manager: DeviceManager | null = null;
beforeEach(() => (dir = tempDir()));
afterEach(async () => {
  await manager?.close();
  manager = null;
  dir.remove();
});

const configs = (...devices: object[]): DeviceConfig[] =>
  devices.map((d) => deviceConfigSchema.parse(d));

describe('DeviceManager', () => {
  it('keeps the existing API: a sim scanner reads through its simulator, with its role', async () => {
    manager = new DeviceManager({
      devices: configs({
        id: 'scanner-1',
        kind: 'scanner',
        transport: 'sim',
        profile: 'honeywell-serial',
      }),
      simDir: dir.path,
    });
    const reads: ManagerData[] = [];
    manager.on('data', (data) => reads.push(data));
    await manager.start();
    expect(manager.snapshots()).toMatchObject([
      { id: 'scanner-1', role: 'scanner', state: 'ready', warning: null },
    ]);
    manager.simulator('scanner-1')?.send(Buffer.from(']E06970001000016\r\n'));
    await until(() => reads.length === 1, 'a scan');
    expect(reads[0]).toMatchObject({ deviceId: 'scanner-1', role: 'scanner' });
    expect(Buffer.from(reads[0]!.bytes).toString()).toBe(']E06970001000016');
    expect(manager.simulator('nope')).toBeNull();
  });

  it('finds a device configured by serial number at its current path and follows it when re-plugged', async () => {
    const pair = await createPtyPair(`${dir.path}/usb`, 'ttyUSB');
    let plugged = true;
    manager = new DeviceManager({
      devices: configs({
        id: 'scanner-sn',
        kind: 'scanner',
        transport: 'serial',
        serialNumber: 'HW123',
      }),
      simDir: dir.path,
      discovery: {
        intervalMs: 250,
        listHid: async () => [],
        listSerial: async () =>
          plugged
            ? [
                {
                  path: pair.devicePath,
                  serialNumber: 'HW123',
                  vendorId: '0c2e',
                  productId: '0b61',
                },
              ]
            : [],
      },
      watchMs: 100,
      backoffMs: { min: 100, max: 1000 },
    });
    const reads: string[] = [];
    manager.on('data', (data) => reads.push(Buffer.from(data.bytes).toString()));
    const hotplug: string[] = [];
    manager.on('hotplug', (event) => hotplug.push(`${event.type}:${event.device.identity}`));
    await manager.start();
    await until(() => manager?.snapshots()[0]?.state === 'ready', 'ready at the discovered path');
    expect(manager.snapshots()[0]?.path).toBe(pair.devicePath);
    expect(manager.discovered().map((d) => d.identity)).toEqual(['sn-0c2e-HW123']);

    plugged = false;
    await pair.unplug();
    await until(() => manager?.snapshots()[0]?.state === 'reconnecting', 'reconnecting');
    await until(() => hotplug.length === 2, 'discovery to notice the unplug', 3000);
    const replugged = Date.now();
    await pair.replug();
    plugged = true;
    await until(() => manager?.snapshots()[0]?.state === 'ready', 'ready after replug', 3000);
    await until(() => hotplug.length === 3, 'discovery to notice the replug', 3000);
    const noticedMs = Date.now() - replugged;
    expect(noticedMs).toBeLessThan(3000);
    expect(hotplug).toEqual([
      'appeared:sn-0c2e-HW123',
      'disappeared:sn-0c2e-HW123',
      'appeared:sn-0c2e-HW123',
    ]);
    const writer = new TtyWriter(pair.simPath);
    writer.write('6970001000023\r');
    await until(() => reads.includes('6970001000023'), 'a read after replug');
    writer.close();
    await pair.close();
  });

  it('follows a device re-plugged under a new tty name (same serial number, new path)', async () => {
    const first = await createPtyPair(`${dir.path}/usb`, 'ttyUSB0');
    let current: string | null = first.devicePath;
    manager = new DeviceManager({
      devices: configs({
        id: 'card-sn',
        kind: 'card-reader',
        transport: 'serial',
        serialNumber: 'MT42',
        cardFormat: 'uid',
      }),
      simDir: dir.path,
      discovery: {
        intervalMs: 100,
        listHid: async () => [],
        listSerial: async () =>
          current ? [{ path: current, serialNumber: 'MT42', vendorId: '0801' }] : [],
      },
      watchMs: 100,
    });
    const reads: string[] = [];
    manager.on('data', (data) => reads.push(Buffer.from(data.bytes).toString()));
    await manager.start();
    await until(() => manager?.snapshots()[0]?.state === 'ready', 'ready on ttyUSB0');
    await first.close();
    current = null;
    const second = await createPtyPair(`${dir.path}/usb`, 'ttyUSB1');
    current = second.devicePath;
    await until(
      () =>
        manager?.snapshots()[0]?.path === second.devicePath &&
        manager?.snapshots()[0]?.state === 'ready',
      'ready on ttyUSB1',
      3000,
    );
    const writer = new TtyWriter(second.simPath);
    writer.write('04A2245A\r\n');
    await until(() => reads.includes('04A2245A'), 'a badge on the new path');
    writer.close();
    await second.close();
  });

  it('shows a device that is not plugged in as reconnecting with a reason', async () => {
    manager = new DeviceManager({
      devices: configs({ id: 'printer-x', kind: 'printer', transport: 'serial', vendorId: '04b8' }),
      simDir: dir.path,
      discovery: { intervalMs: 1000, listSerial: async () => [], listHid: async () => [] },
    });
    await manager.start();
    expect(manager.snapshots()[0]).toMatchObject({
      state: 'reconnecting',
      lastError: expect.stringMatching(/not found/),
    });
    await expect(manager.print('printer-x', 'job-1', new Uint8Array([0x0a]))).rejects.toThrow(
      /not a connected printer/,
    );
  });

  it('prints through a sim printer once per job id and reports its status', async () => {
    manager = new DeviceManager({
      devices: configs({ id: 'printer-1', kind: 'printer', transport: 'sim', statusPollMs: 1000 }),
      simDir: dir.path,
    });
    const statuses: unknown[] = [];
    manager.on('printer-status', (event) => statuses.push(event.status));
    await manager.start();
    await until(() => statuses.length > 0, 'the first status');
    const bytes = new EscPos().init().text('THANK YOU\n').cut().encode();
    expect(await manager.print('printer-1', 'sale-9', bytes)).toMatchObject({ status: 'printed' });
    expect(await manager.print('printer-1', 'sale-9', bytes)).toMatchObject({
      status: 'printed',
      firstSubmit: false,
    });
    const sim = manager.simulator('printer-1')?.printer;
    await until(() => (sim?.documents.length ?? 0) === 1, 'one document');
    sim!.status = { ...sim!.status, paperNearEnd: true };
    expect(await manager.printerStatus('printer-1')).toMatchObject({ paperNearEnd: true });
    expect(manager.snapshots()[0]).toMatchObject({ state: 'ready', warning: 'paper near end' });
  });

  it('turns a sim R2000 reader into rfid enter events', async () => {
    manager = new DeviceManager({
      devices: configs({
        id: 'rfid-1',
        kind: 'rfid',
        transport: 'sim',
        protocol: 'r2000',
        inventoryMs: 100,
        debounce: { enterReads: 2, leaveAfterMs: 500 },
      }),
      simDir: dir.path,
    });
    const events: RfidTagEvent[] = [];
    manager.on('rfid', (event) => events.push(event));
    await manager.start();
    const reader = manager.simulator('rfid-1')?.rfid;
    reader!.inView = [{ epc: '3074257BF7194E4000001A85', antenna: 1, rssi: -45 }];
    await until(() => events.length > 0, 'enter');
    expect(events[0]).toMatchObject({
      type: 'enter',
      deviceId: 'rfid-1',
      epc: '3074257BF7194E4000001A85',
    });
  });

  it('reads a HID POS scanner through the given HID transport, and never crashes on an unsupported device', async () => {
    const bus = new SimHidBus();
    bus.plug('/dev/hidraw7');
    manager = new DeviceManager({
      devices: configs(
        { id: 'hid-scanner', kind: 'scanner', transport: 'hid', path: '/dev/hidraw7' },
        { id: 'hid-rfid', kind: 'rfid', transport: 'hid', path: '/dev/hidraw8' },
      ),
      simDir: dir.path,
      hidTransport: bus,
    });
    const reads: ManagerData[] = [];
    manager.on('data', (data) => reads.push(data));
    await manager.start();
    for (const report of encodeHidPosReports(']E0', Buffer.from('6970001000016')))
      bus.feed('/dev/hidraw7', report);
    await until(() => reads.length === 1, 'a HID scan');
    expect(Buffer.from(reads[0]!.bytes).toString()).toBe(']E06970001000016');
    expect(manager.snapshots().map((s) => [s.id, s.transport, s.state])).toEqual([
      ['hid-scanner', 'hid', 'ready'],
      ['hid-rfid', 'hid', 'error'],
    ]);
  });
});
