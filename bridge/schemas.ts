/** Value shapes shared by methods and events. Types are derived from these, never written twice. */
import { z } from 'zod';

export const languageSchema = z.enum(['zh-CN', 'en']);
export const roleSchema = z.enum(['mirror', 'checkout', 'staff']);

export const deviceStateSchema = z.enum(['closed', 'opening', 'ready', 'error', 'reconnecting']);
export const deviceStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(['scanner', 'card-reader', 'rfid', 'printer']),
  transport: z.string(),
  path: z.string().nullable(),
  state: deviceStateSchema,
  reads: z.number().int(),
  errors: z.number().int(),
  lastEventAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Not an error yet, but staff should act: paper near end, cover open. */
  warning: z.string().nullable(),
});
export type DeviceStatus = z.output<typeof deviceStatusSchema>;

export const appInfoSchema = z.object({
  storeId: z.string(),
  storeName: z.object({ zh: z.string(), en: z.string() }).nullable(),
  role: roleSchema,
  language: languageSchema,
  version: z.string(),
});
export type AppInfo = z.output<typeof appInfoSchema>;
