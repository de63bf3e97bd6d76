/**
 * Discovery: what is plugged in right now. Serial ports from `SerialPort.list()`, HID devices from
 * node-hid's `HID.devices()`, and (for simulators and tests) tty links found in `scanDirs`; each with
 * a stable identity and the likely role from the table of known vendor ids.
 *
 * Guarantees: never rejects. A source that fails (no udevadm: `spawn udevadm ENOENT`; node-hid not
 * installed or libusb missing) contributes no devices and one warning. Identity is the device's
 * serial number when it has one, else its USB port path ("usb-1-1.4"), else its `/dev/serial/by-path`
 * link, else its path (built-in ports such as /dev/ttyS0 do not move); never a counter.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceRole } from './device';
import { HID_USAGE_PAGE_POS, knownVendor } from './discovery/known-vendors';
import { serialByPathLinks, usbPortOfNode } from './discovery/usb-port';

export { knownVendors, knownVendor, type KnownVendor } from './discovery/known-vendors';

export interface DiscoveredDevice {
  identity: string;
  transport: 'serial' | 'hid';
  path: string;
  vendorId: number | null;
  productId: number | null;
  serialNumber: string | null;
  usbPort: string | null;
  manufacturer: string | null;
  product: string | null;
  vendorName: string | null;
  likelyRole: DeviceRole | null;
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
}

export interface DiscoveryOptions {
  /** Defaults to serialport's `SerialPort.list`. */
  listSerial?: () => Promise<SerialPortInfo[]>;
  /** Defaults to node-hid's `HID.devices` (loaded lazily; absent means no HID devices). */
  listHid?: () => Promise<HidDeviceInfo[]>;
  /** Folders whose tty links are listed as serial ports too (simulator pty links). */
  scanDirs?: readonly string[];
  /** Filesystem root for /dev and /sys look-ups (tests). */
  root?: string;
}

export interface DiscoveryResult {
  devices: DiscoveredDevice[];
  warnings: string[];
}

async function defaultListSerial(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

async function defaultListHid(): Promise<HidDeviceInfo[]> {
  const hid = await import('node-hid');
  return hid.devices();
}

function hex(value: string | undefined): number | null {
  if (value === undefined || !/^[0-9a-fA-F]{1,4}$/.test(value)) return null;
  return parseInt(value, 16);
}

function describe(
  base: Omit<DiscoveredDevice, 'identity' | 'vendorName' | 'likelyRole'>,
  byPath: string | null,
  roleHint: DeviceRole | null = null,
): DiscoveredDevice {
  const vendor = knownVendor(base.vendorId ?? undefined);
  const identity = base.serialNumber
    ? `sn-${(base.vendorId ?? 0).toString(16).padStart(4, '0')}-${base.serialNumber}`
    : base.usbPort
      ? `usb-${base.usbPort}`
      : (byPath ?? base.path);
  return {
    ...base,
    identity,
    vendorName: vendor?.name ?? null,
    likelyRole: roleHint ?? vendor?.likelyRole ?? null,
  };
}

function scanDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => {
      try {
        return lstatSync(path).isSymbolicLink();
      } catch {
        return false;
      }
    });
}

export async function discoverDevices(options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const warnings: string[] = [];
  const devices: DiscoveredDevice[] = [];
  const root = options.root ?? '/';
  let serial: SerialPortInfo[] = [];
  try {
    serial = await (options.listSerial ?? defaultListSerial)();
  } catch (error) {
    warnings.push(`serial ports not listed: ${(error as Error).message}`);
  }
  const links = serialByPathLinks(root);
  for (const port of serial) {
    const serialNumber = port.serialNumber?.trim() || null;
    devices.push(
      describe(
        {
          transport: 'serial',
          path: port.path,
          vendorId: hex(port.vendorId),
          productId: hex(port.productId),
          serialNumber,
          usbPort: usbPortOfNode(port.path, root),
          manufacturer: port.manufacturer ?? null,
          product: null,
        },
        links.get(port.path) ?? null,
      ),
    );
  }
  for (const dir of options.scanDirs ?? []) {
    for (const path of scanDir(dir)) {
      devices.push(
        describe(
          {
            transport: 'serial',
            path,
            vendorId: null,
            productId: null,
            serialNumber: null,
            usbPort: null,
            manufacturer: null,
            product: null,
          },
          null,
        ),
      );
    }
  }
  let hid: HidDeviceInfo[] = [];
  try {
    hid = await (options.listHid ?? defaultListHid)();
  } catch (error) {
    warnings.push(`HID devices not listed: ${(error as Error).message}`);
  }
  for (const device of hid) {
    if (!device.path) continue;
    devices.push(
      describe(
        {
          transport: 'hid',
          path: device.path,
          vendorId: device.vendorId,
          productId: device.productId,
          serialNumber: device.serialNumber?.trim() || null,
          usbPort: device.path.startsWith('/dev/') ? usbPortOfNode(device.path, root) : null,
          manufacturer: device.manufacturer ?? null,
          product: device.product ?? null,
        },
        null,
        device.usagePage === HID_USAGE_PAGE_POS ? 'scanner' : null,
      ),
    );
  }
  return { devices, warnings };
}
