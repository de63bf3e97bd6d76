/**
 * The device area: health of scanners, readers and printers. What they read reaches the screens as
 * the visit it changed (`session.changed`): the host decodes and routes every scan and tag.
 */
import { z } from 'zod';
import { deviceStatusSchema } from '../schemas';
import { none } from './shared';

export const deviceMethods = {
  /** Device health, for the staff console (staff only). */
  'device.list': { input: none, output: z.array(deviceStatusSchema), staff: true },
} as const;

export const deviceEvents = {
  'device.status': deviceStatusSchema,
} as const;
