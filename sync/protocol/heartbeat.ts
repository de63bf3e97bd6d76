import { z } from 'zod';

const Instant = z.iso.datetime({ offset: true });

/**
 * A kiosk's health, sent after every sync run (`POST /v1/heartbeat`) for the HQ fleet view. It
 * carries counts, states and kinds only, never an error message (messages may name members).
 */
export const HeartbeatRequestSchema = z
  .object({
    deviceId: z.string().min(1).max(80),
    appVersion: z.string().min(1).max(40),
    role: z.enum(['mirror', 'checkout', 'staff']),
    lastSyncAt: Instant.nullable().describe('Last successful sync run'),
    outboxDepth: z.number().int().min(0).describe('Mutations not yet acknowledged'),
    parked: z.number().int().min(0).describe('Mutations the cloud refused for good'),
    oldestPendingAt: Instant.nullable().describe(
      'When the oldest unacknowledged mutation was made',
    ),
    devices: z
      .array(
        z.object({ id: z.string().max(60), kind: z.string().max(30), state: z.string().max(30) }),
      )
      .max(50)
      .describe('Scanners, card readers, RFID readers and printers with their state'),
    errors24h: z.number().int().min(0).describe('Errors logged in the last 24 hours'),
    lastErrorKind: z
      .string()
      .max(40)
      .nullable()
      .describe('Kind of the last sync error (no message)'),
  })
  .meta({ id: 'Heartbeat' });
export type HeartbeatRequest = z.infer<typeof HeartbeatRequestSchema>;

export const HeartbeatResponseSchema = z.object({ ok: z.literal(true), serverTime: Instant });
export type HeartbeatResponse = z.infer<typeof HeartbeatResponseSchema>;
