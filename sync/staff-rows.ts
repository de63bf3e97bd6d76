/**
 * Staff rows of the `config` stream → the kiosk's `staff` table.
 *
 * Guarantees: the name is stored only sealed (core/staff/staff-names.ts), the badge only as its keyed hash (the same look-up as staff sign-in), the
 * cloud's PIN hash only sealed with the data key (core/staff/cloud-pin.ts); an update never resets
 * the lockout counters; a staff row deleted or marked `disabled` in the cloud, or missing from a
 * config snapshot, sets `disabled_at` (the row stays: sessions and audit refer to it), and its badge
 * stops working at once. A badge handed to someone else disables its previous holder here.
 */
import { randomBytes } from 'node:crypto';
import { lookupHash, type DataKey } from '../core/crypto';
import { CLOUD_PIN_PREFIX, sealCloudPin } from '../core/staff/cloud-pin';
import { sealStaffName } from '../core/staff/staff-names';
import type { WritableDB } from '../core/store/db';

const ROLES = new Set(['associate', 'supervisor', 'manager']);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Disables the staff member of a `staff:<id>` key (delete op). */
export function disableStaff(db: WritableDB, key: string, at: string): void {
  db.prepare('UPDATE staff SET disabled_at = coalesce(disabled_at, ?) WHERE staff_id = ?').run(
    at,
    key.slice('staff:'.length),
  );
}

/** Upserts one staff row; false (skipped) when it does not fit the kiosk schema. */
export function applyStaffRow(
  db: WritableDB,
  key: DataKey,
  data: Record<string, unknown>,
  at: string,
): boolean {
  const staffId = text(data.staffId);
  const badge = text(data.badgeNo)?.trim();
  const storeId = text(data.storeId);
  const role = text(data.role);
  if (!staffId || !badge || !storeId || !role || !ROLES.has(role)) return false;
  if (!db.prepare('SELECT 1 FROM stores WHERE location_id = ?').get(storeId)) return false;
  const pin = sealCloudPin(key, staffId, text(data.pinHash) ?? '');
  if (!pin) return false;
  const badgeHash = lookupHash(key, 'badge', badge);
  const name = sealStaffName(key, staffId, text(data.name) ?? staffId);
  const disabledAt = data.disabled === true ? at : null;
  db.prepare(
    `UPDATE staff SET badge_hash = ?, disabled_at = coalesce(disabled_at, ?)
     WHERE badge_hash = ? AND staff_id <> ?`,
  ).run(randomBytes(32), at, badgeHash, staffId);
  db.prepare(
    `INSERT INTO staff (staff_id, name_enc, name_mac, role, badge_hash, store_id, pin_hash, pin_salt,
       pin_params, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET name_enc = excluded.name_enc,
       name_mac = excluded.name_mac, role = excluded.role,
       badge_hash = excluded.badge_hash, store_id = excluded.store_id, pin_hash = excluded.pin_hash,
       pin_salt = excluded.pin_salt, pin_params = excluded.pin_params,
       disabled_at = excluded.disabled_at`,
  ).run(
    staffId,
    name.name_enc,
    name.name_mac,
    role,
    badgeHash,
    storeId,
    pin.hash,
    pin.salt,
    pin.params,
    disabledAt,
  );
  return true;
}

/** End of a config snapshot: cloud staff the cloud no longer lists are disabled. */
export function pruneCloudStaff(db: WritableDB): void {
  db.prepare(
    `UPDATE staff SET disabled_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE disabled_at IS NULL AND pin_params LIKE ? AND
       'staff:' || staff_id NOT IN (SELECT key FROM sync_snapshot_keys WHERE stream = 'config')`,
  ).run(`${CLOUD_PIN_PREFIX}%`);
}
