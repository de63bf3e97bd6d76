/** Discovery, stable identity, known vendors and hot-plug (pty links appearing and disappearing). */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp';
import { deviceConfigSchema } from './config';
import { discoverDevices, type DiscoveredDevice } from './discovery';
import { knownVendor } from './discovery/known-vendors';
import { matchesConfig } from './discovery/match';
import { usbPortFromSysPath } from './discovery/usb-port';
import { DeviceWatcher } from './discovery/watcher';
import { createPtyPair } from './sim/pty-pair';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const noHid = async () => [];

describe('discoverDevices', () => {
  it('turns a missing udevadm (SerialPort.list rejecting) into a warning and no devices', async () => {
    const result = await discoverDevices({
      listSerial: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      listHid: () => Promise.reject(new Error('node-hid: libusb missing')),
    });
    expect(result.devices).toEqual([]);
    expect(result.warnings).toEqual([
      'serial ports not listed: spawn udevadm ENOENT',
      'HID devices not listed: node-hid: libusb missing',
    ]);
  });

  it('gives each device a stable identity: serial number, else USB port, else by-path link, else path', async () => {
    // A fake /dev and /sys: ttyUSB0 sits on USB port 1-1.4; ttyACM0 has only a by-path link.
    const root = dir.path;
    const sysDevice = join(
      root,
      'sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4/1-1.4:1.0/ttyUSB0',
    );
    mkdirSync(sysDevice, { recursive: true });
    mkdirSync(join(root, 'sys/class/tty/ttyUSB0'), { recursive: true });
    symlinkSync(sysDevice, join(root, 'sys/class/tty/ttyUSB0/device'));
    mkdirSync(join(root, 'dev/serial/by-path'), { recursive: true });
    writeFileSync(join(root, 'dev/ttyACM0'), '');
    symlinkSync('../../ttyACM0', join(root, 'dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0'));
    const { devices, warnings } = await discoverDevices({
      root,
      listSerial: async () => [
        { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001' },
        { path: join(root, 'dev/ttyACM0'), vendorId: '0c2e', productId: '0b61' },
        { path: '/dev/ttyACM1', vendorId: '05e0', productId: '1200', serialNumber: 'S123' },
        { path: '/dev/ttyS0' },
      ],
      listHid: async () => [
        {
          vendorId: 0x0c2e,
          productId: 0x0b87,
          path: '/dev/hidraw9',
          usagePage: 0x8c,
          serialNumber: '',
        },
        { vendorId: 0x0801, productId: 0x0002, path: '0001:0004:00', serialNumber: 'MT42' },
      ],
    });
    expect(warnings).toEqual([]);
    expect(devices.map((d) => [d.identity, d.likelyRole])).toEqual([
      ['usb-1-1.4', null],
      [join(root, 'dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0'), 'scanner'],
      ['sn-05e0-S123', 'scanner'],
      ['/dev/ttyS0', null],
      ['/dev/hidraw9', 'scanner'],
      ['sn-0801-MT42', 'card-reader'],
    ]);
    expect(devices[0]).toMatchObject({
      usbPort: '1-1.4',
      vendorName: 'FTDI (USB-serial)',
      vendorId: 0x0403,
    });
  });

  it('lists nothing from HID here (no /dev/hidraw) without failing', async () => {
    const { devices } = await discoverDevices({ listSerial: async () => [] });
    expect(devices.filter((d) => d.transport === 'hid')).toEqual([]);
  });
});

describe('known vendors and matching', () => {
  it('knows the usual scanner, reader and printer makers', () => {
    expect(knownVendor(0x0c2e)?.likelyRole).toBe('scanner');
    expect(knownVendor(0x0acd)?.likelyRole).toBe('card-reader');
    expect(knownVendor(0x04b8)?.likelyRole).toBe('printer');
    expect(knownVendor(0x1a86)?.likelyRole).toBeNull();
    expect(knownVendor(0x1234)).toBeNull();
    expect(usbPortFromSysPath('/sys/devices/x/usb2/2-3/2-3.1/2-3.1:1.0/hidraw/hidraw0')).toBe(
      '2-3.1',
    );
  });

  it('matches a device configured by serial number or vendor/product id to what was found', () => {
    const found: DiscoveredDevice = {
      identity: 'sn-0c2e-ABC',
      transport: 'serial',
      path: '/dev/ttyACM3',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      serialNumber: 'ABC',
      usbPort: '1-2',
      manufacturer: null,
      product: null,
      vendorName: null,
      likelyRole: 'scanner',
    };
    const config = (extra: object) =>
      deviceConfigSchema.parse({ id: 's', kind: 'scanner', transport: 'serial', ...extra });
    expect(matchesConfig(config({ serialNumber: 'ABC' }), found)).toBe(true);
    expect(matchesConfig(config({ serialNumber: 'XYZ' }), found)).toBe(false);
    expect(matchesConfig(config({ vendorId: '0x0C2E', productId: 'b61' }), found)).toBe(true);
    expect(matchesConfig(config({ vendorId: 0x0c2e, usbPort: '1-3' }), found)).toBe(false);
    expect(
      deviceConfigSchema.safeParse({ id: 's', kind: 'scanner', transport: 'serial' }).success,
    ).toBe(false);
  });
});

describe('DeviceWatcher (hot-plug)', () => {
  it('notices a device appearing and disappearing within 3 s', async () => {
    const links = join(dir.path, 'links');
    mkdirSync(links);
    const watcher = new DeviceWatcher({
      scanDirs: [links],
      listSerial: async () => [],
      listHid: noHid,
      intervalMs: 200,
    });
    const seen: string[] = [];
    const at: Record<string, number> = {};
    watcher.on('appeared', (d) => {
      seen.push(`+${d.path}`);
      at.appeared = Date.now();
    });
    watcher.on('disappeared', (d) => {
      seen.push(`-${d.path}`);
      at.disappeared = Date.now();
    });
    await watcher.start();
    expect(seen).toEqual([]);
    const plugged = Date.now();
    const pair = await createPtyPair(links, 'scanner');
    const deadline = Date.now() + 3000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.sort()).toEqual([`+${pair.devicePath}`, `+${pair.simPath}`]);
    expect((at.appeared ?? Infinity) - plugged).toBeLessThan(3000);
    const unplugged = Date.now();
    await pair.unplug();
    while (seen.length < 4 && Date.now() < unplugged + 3000)
      await new Promise((r) => setTimeout(r, 20));
    expect(seen.filter((s) => s.startsWith('-'))).toHaveLength(2);
    expect((at.disappeared ?? Infinity) - unplugged).toBeLessThan(3000);
    await watcher.stop();
  });

  it('reports a failing source once as a warning, not on every poll', async () => {
    const watcher = new DeviceWatcher({
      listSerial: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      listHid: noHid,
      intervalMs: 20,
    });
    const warnings: string[] = [];
    watcher.on('warning', (w) => warnings.push(w));
    await watcher.start();
    await new Promise((r) => setTimeout(r, 120));
    await watcher.stop();
    expect(warnings).toEqual(['serial ports not listed: spawn udevadm ENOENT']);
  });
});
