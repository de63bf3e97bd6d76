/** Device configuration as store IT writes it in the kiosk config's `devices` array. */
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
    profile: z.string().max(64).optional(),
    vendorId: hexId.optional(),
    productId: hexId.optional(),
    serialNumber: z.string().max(128).optional(),
  })
  .superRefine((device, ctx) => {
    if (device.transport === 'serial' && !device.path) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'is required for a serial device' });
    }
  });

export type DeviceConfig = z.output<typeof deviceConfigSchema>;
