/** The device area: health of scanners, readers and printers, and what they read. */
import { z } from 'zod';
import { deviceStatusSchema, productViewSchema, scanEventSchema } from '../schemas';
import { none } from './shared';

/** A garment's tag entering or leaving a reader's field, already decoded and looked up. */
export const rfidEventSchema = z.object({
  deviceId: z.string(),
  at: z.string(),
  epc: z.string(),
  antenna: z.number().int(),
  rssi: z.number(),
  sgtin: z
    .object({ gtin: z.string(), serial: z.string(), uri: z.string(), filter: z.number().int() })
    .nullable(),
  product: productViewSchema.nullable(),
});
export type RfidEvent = z.output<typeof rfidEventSchema>;

export const deviceMethods = {
  /** Device health, for the staff console (staff only). */
  'device.list': { input: none, output: z.array(deviceStatusSchema), staff: true },
} as const;

export const deviceEvents = {
  'device.scan': scanEventSchema,
  'device.status': deviceStatusSchema,
  'rfid.enter': rfidEventSchema,
  'rfid.leave': rfidEventSchema,
} as const;
