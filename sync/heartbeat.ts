/**
 * After every sync run the kiosk tells the cloud how it is (POST /v1/heartbeat): app version,
 * role, last successful sync, outbox depth and the age of its oldest pending mutation, its
 * devices' states and its errors in the last 24 hours. Best effort: a heartbeat that fails is
 * not retried (the next run sends a fresh one) and never fails the run.
 */
import type { WritableDB } from '../core/store/db';
import type { CloudClient } from './cloud-client';
import type { HeartbeatRequest } from './protocol';
import { queueFacts, storedOutcome } from './status';

/** What the host knows and sync does not: which app, in which role, with which devices. */
export type HostHealth = Pick<HeartbeatRequest, 'appVersion' | 'role' | 'devices' | 'errors24h'>;

export function heartbeatOf(
  db: WritableDB,
  deviceId: string,
  host: HostHealth,
  now: Date,
): HeartbeatRequest {
  const queue = queueFacts(db, now.getTime());
  const outcome = storedOutcome(db);
  return {
    deviceId,
    ...host,
    lastSyncAt: outcome.lastSuccessAt,
    outboxDepth: queue.queueDepth,
    parked: queue.parked,
    oldestPendingAt:
      queue.oldestPendingAgeMs === null
        ? null
        : new Date(now.getTime() - queue.oldestPendingAgeMs).toISOString(),
    lastErrorKind: outcome.lastError?.kind.slice(0, 40) ?? null,
  };
}

export async function sendHeartbeat(
  client: CloudClient,
  token: string,
  body: HeartbeatRequest,
): Promise<boolean> {
  if (!client.heartbeat) return false;
  const r = await client.heartbeat(token, body);
  return r.ok;
}
