/**
 * Drill-down rows of the fleet: one row per kiosk with the heartbeat numbers the fleet view counts
 * and sums (stale, outbox depth, errors), so each of its numbers opens the kiosks behind it.
 * Revoked kiosks are left out, as in the view's figures, unless one is asked for by id.
 */
import { STALE_AFTER_MINUTES, type RowsParams } from '../../hq-api';
import type { Scope } from '../scope';
import type { RowsSpec } from './rows';
import { inStores, type Params } from './sql';

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const deviceErrors = `(SELECT count(*) FROM jsonb_array_elements(coalesce(k.devices, '[]'::jsonb)) x
  WHERE x->>'state' = 'error')`;

export function kiosksSpec(p: Params, scope: Scope, r: RowsParams, now: Date): RowsSpec {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MINUTES * 60_000).toISOString();
  // a literal, not a parameter: the count query leaves the columns (and so their parameters) out
  const stale = `(d.revoked_at IS NULL AND (k.reported_at IS NULL OR k.reported_at < '${staleBefore}'::timestamptz))`;
  const failing = `(coalesce(k.errors_24h, 0) > 0 OR ${deviceErrors} > 0)`;
  const where = [inStores(p, scope, 'd.store_id')];
  if (r.deviceId) where.push(`d.device_id = ${p.add(r.deviceId)}`);
  else where.push('d.revoked_at IS NULL');
  if (r.storeId) where.push(`d.store_id = ${p.add(r.storeId)}`);
  if (r.stale) where.push(r.stale === 'yes' ? stale : `NOT ${stale}`);
  if (r.failing) where.push(r.failing === 'yes' ? failing : `NOT ${failing}`);
  return {
    columns: [
      { key: 'deviceId', type: 'text', sql: 'd.device_id' },
      { key: 'name', type: 'text', sql: 'd.name' },
      { key: 'store', type: 'text', sql: 'd.store_id' },
      { key: 'role', type: 'text', sql: 'coalesce(k.role, d.role)' },
      { key: 'appVersion', type: 'text', sql: 'k.app_version' },
      { key: 'reportedAt', type: 'instant', sql: iso('k.reported_at') },
      { key: 'stale', type: 'bool', sql: stale },
      { key: 'outboxDepth', type: 'int', sql: 'k.outbox_depth' },
      { key: 'oldestPendingAt', type: 'instant', sql: iso('k.oldest_pending_at') },
      { key: 'errors24h', type: 'int', sql: 'k.errors_24h' },
      { key: 'devicesInError', type: 'int', sql: `${deviceErrors}::int` },
      { key: 'revoked', type: 'bool', sql: 'd.revoked_at IS NOT NULL' },
    ],
    from: 'devices d LEFT JOIN hq_kiosk_status k ON k.device_id = d.device_id',
    where,
    orderBy: 'd.store_id, d.name, d.device_id',
  };
}
