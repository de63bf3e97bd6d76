/** The sync area: how the kiosk stands with the member cloud, shown calmly on every screen. */
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
  /** A first sync (a stream's snapshot in big pages) while it runs: the staff console shows it. */
  firstSync: z
    .object({
      stream: z.string().max(32),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative().nullable(),
      ratePerSecond: z.number().nonnegative().nullable(),
      etaSeconds: z.number().nonnegative().nullable(),
    })
    .nullable()
    .optional(),
});
export type SyncStatusView = z.output<typeof syncStatusSchema>;

/** What one "sync now" did; staff run it from the console (`staff.syncNow`, audited). */
export const syncNowResultSchema = z.object({
  ok: z.boolean(),
  pushed: z.number().int(),
  pulledRows: z.number().int(),
  status: syncStatusSchema,
});

export const syncMethods = {
  'sync.status': { input: none, output: syncStatusSchema },
} as const;

export const syncEvents = {
  'sync.status': syncStatusSchema,
} as const;
