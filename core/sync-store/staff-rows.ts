/**
 * The cloud's staff rows on the kiosk (`staff`): name sealed, badge as its keyed hash and PIN hash
 * sealed by the caller (sync/staff-rows.ts). An update never resets the lockout counters; a
 * disabled member keeps the row that sessions and audit refer to. Inside the caller's transaction.
 */
import { randomBytes } from 'node:crypto';
import type { WritableDB } from '../store/db';

export interface PulledStaff {
  staffId: string;
  nameEnc: Buffer;
  nameMac: Buffer;
  role: string;
  badgeHash: Buffer;
  storeId: string;
  pinHash: Buffer;
  pinSalt: Buffer;
  pinParams: string;
  disabledAt: string | null;
}

export function disableStaffMember(db: WritableDB, staffId: string, at: string): void {
  db.prepare('UPDATE staff SET disabled_at = coalesce(disabled_at, ?) WHERE staff_id = ?').run(
    at,
    staffId,
  );
}

/**
 * Upserts a staff row. A badge handed to someone else disables its previous holder here, whose
 * badge hash becomes random bytes (so it matches no badge).
 */
export function upsertPulledStaff(db: WritableDB, s: PulledStaff, at: string): void {
  db.prepare(
    `UPDATE staff SET badge_hash = ?, disabled_at = coalesce(disabled_at, ?)
     WHERE badge_hash = ? AND staff_id <> ?`,
  ).run(randomBytes(32), at, s.badgeHash, s.staffId);
  db.prepare(
    `INSERT INTO staff (staff_id, name_enc, name_mac, role, badge_hash, store_id, pin_hash, pin_salt,
       pin_params, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET name_enc = excluded.name_enc,
       name_mac = excluded.name_mac, role = excluded.role,
       badge_hash = excluded.badge_hash, store_id = excluded.store_id, pin_hash = excluded.pin_hash,
       pin_salt = excluded.pin_salt, pin_params = excluded.pin_params,
       disabled_at = excluded.disabled_at`,
  ).run(
    s.staffId,
    s.nameEnc,
    s.nameMac,
    s.role,
    s.badgeHash,
    s.storeId,
    s.pinHash,
    s.pinSalt,
    s.pinParams,
    s.disabledAt,
  );
}
