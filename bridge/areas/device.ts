/** The device area: health of scanners, readers and printers, and what they read. */
import { z } from 'zod';
import { deviceStatusSchema, scanEventSchema } from '../schemas';
import { none } from './shared';

export const deviceMethods = {
  'device.list': { input: none, output: z.array(deviceStatusSchema) },
} as const;

export const deviceEvents = {
  'device.scan': scanEventSchema,
  'device.status': deviceStatusSchema,
} as const;
