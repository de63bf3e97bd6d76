/** The fleet: every kiosk's last heartbeat, with stale kiosks flagged. */
import { z } from 'zod';
import { IsoInstantSchema } from './common';
import { AppliedFiltersSchema } from './filters';

/** A kiosk that has not reported for this long is stale. */
export const STALE_AFTER_MINUTES = 30;

export const FleetResponseSchema = z
  .object({
    filters: AppliedFiltersSchema,
    staleAfterMinutes: z.number().int(),
    kiosks: z.array(
      z.object({
        deviceId: z.string(),
        name: z.string(),
        storeId: z.string(),
        role: z.string().nullable(),
        appVersion: z.string().nullable(),
        lastSyncAt: IsoInstantSchema.nullable(),
        outboxDepth: z.number().int().nullable(),
        parked: z.number().int().nullable(),
        oldestPendingAt: IsoInstantSchema.nullable(),
        devices: z.array(z.object({ id: z.string(), kind: z.string(), state: z.string() })),
        errors24h: z.number().int().nullable(),
        lastError: z.string().nullable(),
        reportedAt: IsoInstantSchema.nullable().describe('Last heartbeat; null = never reported'),
        stale: z.boolean(),
        revoked: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'HqFleet' });
export type FleetResponse = z.infer<typeof FleetResponseSchema>;
