/**
 * Stable identity from the kernel's view of the USB tree: the port a device is plugged into
 * ("1-1.4") does not change across reboots or re-enumeration, unlike ttyUSB numbers, hidraw
 * numbers or node-hid's bus:device paths. `root` is injectable so tests can fake /dev and /sys.
 */
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** "1-1.4" from a sysfs path like /sys/devices/pci0000:00/.../usb1/1-1/1-1.4/1-1.4:1.0/... */
export function usbPortFromSysPath(sysPath: string): string | null {
  let port: string | null = null;
  for (const part of sysPath.split('/')) if (/^\d+-\d+(\.\d+)*$/.test(part)) port = part;
  return port;
}

/** Maps each tty's real path to its /dev/serial/by-path link (empty without udev). */
export function serialByPathLinks(root = '/'): Map<string, string> {
  const dir = join(root, 'dev/serial/by-path');
  const links = new Map<string, string>();
  if (!existsSync(dir)) return links;
  for (const name of readdirSync(dir)) {
    const link = join(dir, name);
    try {
      links.set(resolve(dir, readlinkSync(link)), link);
    } catch {
      // A link that vanished between readdir and readlink: the device was just unplugged.
    }
  }
  return links;
}

/** The USB port of a tty ("/dev/ttyUSB0") or hidraw node ("/dev/hidraw2"), or null. */
export function usbPortOfNode(devPath: string, root = '/'): string | null {
  const name = basename(devPath);
  const classDir = name.startsWith('hidraw') ? 'hidraw' : 'tty';
  try {
    return usbPortFromSysPath(realpathSync(join(root, 'sys/class', classDir, name, 'device')));
  } catch {
    return null;
  }
}
