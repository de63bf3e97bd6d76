/**
 * Device configuration as store IT writes it in the kiosk config's `devices` array.
 *
 * A device is found by `path` (a tty or hidraw path, or a stable `/dev/serial/by-path/...` link),
 * or, when the path changes from boot to boot, by `serialNumber` or `vendorId`/`productId`
 * (optionally pinned to a USB port with `usbPort`, e.g. "1-1.4"): the device manager matches those
 * to the current path through discovery and follows the device when it is re-plugged.
 */
import { z } from 'zod';
import { deviceRoles } from './device';

const hexId = z.union([
  z.number().int().min(0).max(0xffff),
  z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/),
]);

export const deviceConfigSchema = z
  .looseObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    kind: z.enum(deviceRoles),
    transport: z.enum(['serial', 'hid', 'sim']),
    path: z.string().min(1).optional(),
    baudRate: z.number().int().positive().max(4_000_000).default(9600),
    prefix: z.string().max(8).optional(),
    suffix: z.string().min(1).max(8).default('\r'),
    /** Scanner profile id from device/framing/profiles (e.g. "honeywell-serial", "stx-etx"). */
    profile: z.string().max(64).optional(),
    vendorId: hexId.optional(),
    productId: hexId.optional(),
    serialNumber: z.string().max(128).optional(),
    /** USB port path ("1-1.4") to tell two identical devices apart. */
    usbPort: z.string().max(64).optional(),
    /** HID devices: HID POS reports (usage page 0x8C) or boot-keyboard (wedge) reports. */
    hidMode: z.enum(['pos', 'wedge']).default('pos'),
    /** Wedge reports carry a leading report id byte (composite devices). */
    hidReportId: z.boolean().default(false),
    /** Card readers: magnetic stripe (ISO 7813 tracks) or one NFC / RFID badge UID per line. */
    cardFormat: z.enum(['magstripe', 'uid']).default('magstripe'),
    /** UHF RFID readers: our ASCII line protocol or the binary R2000 "CM" protocol. */
    protocol: z.enum(['ascii', 'r2000']).default('ascii'),
    /** R2000: how often the real-time inventory command is sent (ms). */
    inventoryMs: z.number().int().min(50).max(60_000).default(500),
    /** RFID enter/leave debouncer settings (see device/rfid/debouncer). */
    debounce: z
      .object({
        enterReads: z.number().int().min(1).max(1000).optional(),
        windowMs: z.number().min(0).optional(),
        rssiFloor: z.number().optional(),
        leaveAfterMs: z.number().min(1).optional(),
      })
      .optional(),
    /** Printers: DLE EOT status poll interval (ms). */
    statusPollMs: z.number().int().min(200).max(600_000).default(5000),
  })
  .superRefine((device, ctx) => {
    const locatable =
      device.path !== undefined ||
      device.serialNumber !== undefined ||
      device.vendorId !== undefined;
    if ((device.transport === 'serial' || device.transport === 'hid') && !locatable) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: `is required for a ${device.transport} device without serialNumber or vendorId`,
      });
    }
  });

export type DeviceConfig = z.output<typeof deviceConfigSchema>;

/** A vendor or product id from the config as a number (hex strings accepted with or without 0x). */
export function idNumber(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : parseInt(value.replace(/^0x/i, ''), 16);
}
