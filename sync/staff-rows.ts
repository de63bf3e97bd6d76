/**
 * Staff rows of the `config` stream → the kiosk's `staff` table.
 *
 * Guarantees: the name is stored only sealed (core/staff/staff-names.ts), the badge only as its keyed hash (the same look-up as staff sign-in), the
 * cloud's PIN hash only sealed with the data key (core/staff/cloud-pin.ts); an update never resets
 * the lockout counters; a staff row deleted or marked `disabled` in the cloud, or missing from a
 * config snapshot, sets `disabled_at` (the row stays: sessions and audit refer to it), and its badge
 * stops working at once. A badge handed to someone else disables its previous holder here.
 */
import { lookupHash, type DataKey } from '../core/crypto';
import { sealCloudPin } from '../core/staff/cloud-pin';
import { sealStaffName } from '../core/staff/staff-names';
import type { WritableDB } from '../core/store/db';
import { storeExists } from '../core/sync-store/catalog-rows';
import { disableStaffMember, upsertPulledStaff } from '../core/sync-store/staff-rows';

const ROLES = new Set(['associate', 'supervisor', 'manager']);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Disables the staff member of a `staff:<id>` key (delete op). */
export function disableStaff(db: WritableDB, key: string, at: string): void {
  disableStaffMember(db, key.slice('staff:'.length), at);
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
  if (!storeExists(db, storeId)) return false;
  const pin = sealCloudPin(key, staffId, text(data.pinHash) ?? '');
  if (!pin) return false;
  const badgeHash = lookupHash(key, 'badge', badge);
  const name = sealStaffName(key, staffId, text(data.name) ?? staffId);
  upsertPulledStaff(
    db,
    {
      staffId,
      nameEnc: name.name_enc,
      nameMac: name.name_mac,
      role,
      badgeHash,
      storeId,
      pinHash: pin.hash,
      pinSalt: pin.salt,
      pinParams: pin.params,
      disabledAt: data.disabled === true ? at : null,
    },
    at,
  );
  return true;
}
