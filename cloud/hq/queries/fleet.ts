/** The fleet: every enrolled kiosk in scope with its last heartbeat; stale when silent too long. */
import { IGNORED_FILTERS, STALE_AFTER_MINUTES, type FleetResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { applied, type Scope } from '../scope';
import { inStores, Params } from './sql';

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function fleet(q: Queryable, scope: Scope, now: Date): Promise<FleetResponse> {
  const p = new Params();
  const { rows } = await q.query<Omit<FleetResponse['kiosks'][number], 'stale'>>(
    `SELECT d.device_id AS "deviceId", d.name, d.store_id AS "storeId", coalesce(k.role, d.role) AS role,
       k.app_version AS "appVersion", ${iso('k.last_sync_at')} AS "lastSyncAt", k.outbox_depth AS "outboxDepth",
       k.parked, ${iso('k.oldest_pending_at')} AS "oldestPendingAt", coalesce(k.devices, '[]'::jsonb) AS devices,
       k.errors_24h AS "errors24h", k.last_error_kind AS "lastError", ${iso('k.reported_at')} AS "reportedAt",
       d.revoked_at IS NOT NULL AS revoked
     FROM devices d LEFT JOIN hq_kiosk_status k ON k.device_id = d.device_id
     WHERE ${inStores(p, scope, 'd.store_id')}
     ORDER BY d.store_id, d.name, d.device_id`,
    p.values,
  );
  const staleBefore = now.getTime() - STALE_AFTER_MINUTES * 60_000;
  return {
    filters: applied(scope, IGNORED_FILTERS['fleet']),
    staleAfterMinutes: STALE_AFTER_MINUTES,
    kiosks: rows.map((k) => ({
      ...k,
      stale: !k.revoked && (k.reportedAt === null || Date.parse(k.reportedAt) < staleBefore),
    })),
  };
}
