/** The sync area: how the kiosk stands with the member cloud, shown calmly, and "sync now" for staff. */
import { z } from 'zod';
import { none } from './shared';

export const syncStatusSchema = z.object({
  connectivity: z.enum(['online', 'offline', 'not-enrolled', 'refused', 'unknown']),
  /** Outbox entries not yet acknowledged by the cloud. */
  queueDepth: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ kind: z.string(), message: z.string(), at: z.string() }).nullable(),
  nextAttemptAt: z.string().nullable(),
  openStaffTasks: z.number().int().nonnegative(),
});
export type SyncStatusView = z.output<typeof syncStatusSchema>;

export const syncMethods = {
  'sync.status': { input: none, output: syncStatusSchema },
  'sync.now': {
    input: none,
    output: z.object({
      ok: z.boolean(),
      pushed: z.number().int(),
      pulledRows: z.number().int(),
      status: syncStatusSchema,
    }),
  },
} as const;

export const syncEvents = {
  'sync.status': syncStatusSchema,
} as const;
