/**
 * HID drivers on the simulated bus (this machine has no /dev/hidraw): real report bytes from the
 * device/hid encoders, garbage reports between good reads, unplug and replug.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceData, DeviceFault } from '../device';
import { encodeHidPosReports } from '../hid/hid-pos-encoder';
import { encodeKeyboardReports } from '../hid/keyboard-wedge-encoder';
import { HidDevice } from './hid-device';
import {
  hidPosDecoder,
  wedgeCardDecoder,
  wedgeScannerDecoder,
  type ReportDecoder,
} from './report-decoders';
import { SimHidBus } from './sim-transport';
import { nodeHidTransport } from './transport';
import { until } from '../../test/support/until';

const PATH = '/dev/hidraw-sim0';
const text = (data: DeviceData) => Buffer.from(data.bytes).toString('latin1');
let device: HidDevice | null = null;

function start(
  bus: SimHidBus,
  createDecoder: () => ReportDecoder,
  role: 'scanner' | 'card-reader' = 'scanner',
) {
  const reads: string[] = [];
  const faults: DeviceFault[] = [];
  device = new HidDevice({
    id: 'hid-1',
    role,
    path: PATH,
    transport: bus,
    createDecoder,
    watchMs: 20,
    backoffMs: { min: 10, max: 50 },
  });
  device.on('data', (data) => reads.push(text(data)));
  device.on('error', (fault) => faults.push(fault));
  return { device, reads, faults };
}

afterEach(async () => {
  await device?.close();
  device = null;
});

describe('HID POS scanner driver', () => {
  it('reassembles a scan spread over several reports, keeps reading after a broken report', async () => {
    const bus = new SimHidBus();
    bus.plug(PATH);
    const { device, reads, faults } = start(bus, hidPosDecoder);
    await device.open();
    expect(device.state).toBe('ready');
    const long = `]d2${'0109501101530003'.repeat(6)}`;
    for (const report of encodeHidPosReports(']E0', Buffer.from('6970001000016')))
      bus.feed(PATH, report);
    bus.feed(PATH, Uint8Array.of(0x07, 1, 2, 3, 4, 5, 6, 7, 8)); // wrong report id: garbage
    for (const report of encodeHidPosReports(']d2', Buffer.from(long.slice(3))))
      bus.feed(PATH, report);
    await until(() => reads.length === 2, 'two scans');
    expect(reads).toEqual([']E06970001000016', long]);
    expect(faults).toHaveLength(1);
    expect(device.snapshot()).toMatchObject({
      reads: 2,
      errors: 1,
      transport: 'hid',
      state: 'ready',
    });
  });

  it('goes to reconnecting when unplugged and reads again after replug', async () => {
    const bus = new SimHidBus();
    bus.plug(PATH);
    const { device, reads } = start(bus, hidPosDecoder);
    await device.open();
    bus.unplug(PATH);
    await until(() => device.state === 'reconnecting', 'reconnecting');
    expect(bus.feed(PATH, encodeHidPosReports(null, Buffer.from('x'))[0]!)).toBe(false);
    bus.plug(PATH);
    await until(() => device.state === 'ready', 'ready again');
    for (const report of encodeHidPosReports(null, Buffer.from('96385074'))) bus.feed(PATH, report);
    await until(() => reads.length === 1, 'a scan after replug');
    expect(reads).toEqual(['96385074']);
  });

  it('waits in reconnecting for a device that is not plugged in yet', async () => {
    const bus = new SimHidBus();
    const { device } = start(bus, hidPosDecoder);
    await device.open();
    expect(device.state).toBe('reconnecting');
    expect(device.snapshot().lastError).toMatch(/not present/);
    bus.plug(PATH);
    await until(() => device.state === 'ready', 'ready once plugged');
  });
});

describe('keyboard-wedge drivers (read from the device, not from keyboard focus)', () => {
  it('types a scan per line; phantom rollover reports in between are ignored', async () => {
    const bus = new SimHidBus();
    bus.plug(PATH);
    const { device, reads } = start(bus, () => wedgeScannerDecoder());
    await device.open();
    for (const report of encodeKeyboardReports('6970001000016\n')) bus.feed(PATH, report);
    bus.feed(PATH, Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1));
    for (const report of encodeKeyboardReports('ABC-123\n')) bus.feed(PATH, report);
    await until(() => reads.length === 2, 'two lines');
    expect(reads).toEqual(['6970001000016', 'ABC-123']);
  });

  it('reads a magstripe swipe typed by a wedge card reader', async () => {
    const bus = new SimHidBus();
    bus.plug(PATH);
    const { device, reads } = start(bus, () => wedgeCardDecoder('magstripe'), 'card-reader');
    await device.open();
    const swipe = '%B6280000000000016^MEMBER/KIOSK^2912101?;6280000000000016=2912101?';
    for (const report of encodeKeyboardReports(`${swipe}\n`)) bus.feed(PATH, report);
    await until(() => reads.length === 1, 'a swipe');
    expect(reads[0]).toBe(swipe);
  });

  it('reads badge UIDs, and counts a line that is not a UID as an error', async () => {
    const bus = new SimHidBus();
    bus.plug(PATH);
    const { device, reads, faults } = start(bus, () => wedgeCardDecoder('uid'), 'card-reader');
    await device.open();
    for (const report of encodeKeyboardReports('04a2245a1b3c80\nhello\n0012345678\n'))
      bus.feed(PATH, report);
    await until(() => reads.length === 2, 'two UIDs');
    expect(reads).toEqual(['04A2245A1B3C80', '00BC614E']);
    expect(faults).toHaveLength(1);
  });
});

describe('node-hid transport', () => {
  it('reports a missing hidraw path as absent and fails to open it without throwing synchronously', async () => {
    expect(nodeHidTransport.present('/dev/hidraw-does-not-exist')).toBe(false);
    await expect(nodeHidTransport.open('/dev/hidraw-does-not-exist')).rejects.toThrow();
  });
});
