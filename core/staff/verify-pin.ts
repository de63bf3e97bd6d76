/**
 * Staff sign-in: badge + PIN. The badge is found by its keyed hash; the PIN is checked with scrypt
 * off the event loop and a constant-time compare. Five wrong PINs lock the badge for five minutes;
 * the count and the lock live in the database, so restarting the kiosk does not reset them. Every
 * attempt, accepted or refused, leaves an audit row. A badge disabled or removed in the member cloud
 * (`disabled_at`) is refused like an unknown one; staff from the cloud are checked against the
 * cloud's sealed scrypt hash (cloud-pin.ts).
 */
import { fail, ok, type Result } from '../../common/result';
import { randomBytes } from 'node:crypto';
import type { DataKey } from '../crypto/data-key';
import { lookupHash } from '../crypto/field-crypto';
import { hashPin, verifyPin } from '../crypto/pin-hash';
import { CLOUD_PIN_PREFIX, verifyCloudPin } from './cloud-pin';
import { recordAudit } from '../audit/audit';
import { openStaffName } from './staff-names';
import type { WritableDB } from '../store/db';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;

export type StaffRole = 'associate' | 'supervisor' | 'manager';

export interface StaffMember {
  staffId: string;
  name: string;
  storeId: string;
}

/**
 * The staff member and their role, or a refusal: 'wrong-pin' says `details.attemptsLeft`, 'locked'
 * says `details.lockedUntil`.
 */
export type StaffLoginResult = Result<
  { staff: StaffMember; role: StaffRole },
  'unknown-badge' | 'wrong-pin' | 'locked'
>;

interface StaffRow {
  staff_id: string;
  name_enc: Uint8Array | null;
  role: StaffRole;
  store_id: string;
  pin_hash: Buffer;
  pin_salt: Buffer;
  pin_params: string;
  failed_attempts: number;
  locked_until: string | null;
}

/** A sign-in attempt's audit row: the staff member is both actor and subject. */
function audit(db: WritableDB, at: string, actor: string, action: string, detail: object): void {
  recordAudit(db, { at: new Date(at), actor, action, subject: actor, detail });
}

let decoy: { key: DataKey; hash: ReturnType<typeof hashPin> } | null = null;

/** Same work for an unknown badge as for a known one, so timing does not reveal valid badges. */
async function decoyCheck(key: DataKey, pin: string): Promise<void> {
  if (decoy?.key !== key) decoy = { key, hash: hashPin(key, randomBytes(8).toString('hex')) };
  await verifyPin(key, pin, decoy.hash);
}

const lockedResult = (until: string): StaffLoginResult =>
  fail('locked', `too many wrong PINs; locked until ${until}`, { lockedUntil: until });

export async function verifyStaffPin(
  db: WritableDB,
  key: DataKey,
  badge: string,
  pin: string,
  now: Date,
): Promise<StaffLoginResult> {
  const at = now.toISOString();
  const badgeHash = lookupHash(key, 'badge', badge.trim());
  const select = db.prepare<[Buffer], StaffRow>(
    `SELECT staff_id, name_enc, role, store_id, pin_hash, pin_salt, pin_params, failed_attempts,
       locked_until FROM staff WHERE badge_hash = ? AND disabled_at IS NULL`,
  );
  const before = select.get(badgeHash);
  if (!before) {
    await decoyCheck(key, pin);
    db.transaction(() =>
      audit(db, at, 'unknown', 'staff.login.refused', { reason: 'unknown-badge' }),
    );
    return fail('unknown-badge', 'this badge is not known here');
  }
  if (before.locked_until && before.locked_until > at) {
    db.transaction(() =>
      audit(db, at, before.staff_id, 'staff.login.refused', { reason: 'locked' }),
    );
    return lockedResult(before.locked_until);
  }
  const stored = { hash: before.pin_hash, salt: before.pin_salt, params: before.pin_params };
  // Staff added in the member cloud carry its (sealed) scrypt hash; the rest the kiosk's own.
  const matches = before.pin_params.startsWith(CLOUD_PIN_PREFIX)
    ? await verifyCloudPin(key, before.staff_id, pin, stored)
    : await verifyPin(key, pin, stored);
  // Re-read inside the transaction: another attempt may have locked the badge while scrypt ran.
  return db.transaction((): StaffLoginResult => {
    const row = select.get(badgeHash);
    if (!row) return fail('unknown-badge', 'this badge is not known here');
    if (row.locked_until && row.locked_until > at) {
      audit(db, at, row.staff_id, 'staff.login.refused', { reason: 'locked' });
      return lockedResult(row.locked_until);
    }
    if (matches) {
      db.prepare(
        'UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE staff_id = ?',
      ).run(row.staff_id);
      audit(db, at, row.staff_id, 'staff.login', { role: row.role });
      return ok({
        staff: {
          staffId: row.staff_id,
          // A name that does not open (or none yet) shows the staff id instead.
          name: openStaffName(key, row.staff_id, row.name_enc) ?? row.staff_id,
          storeId: row.store_id,
        },
        role: row.role,
      });
    }
    const failed = row.failed_attempts + 1;
    if (failed >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
      // The count restarts with the lock: after it expires there are again five attempts.
      db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE staff_id = ?').run(
        until,
        row.staff_id,
      );
      audit(db, at, row.staff_id, 'staff.login.locked', { failed, until });
      return lockedResult(until);
    }
    db.prepare('UPDATE staff SET failed_attempts = ? WHERE staff_id = ?').run(failed, row.staff_id);
    audit(db, at, row.staff_id, 'staff.login.refused', { reason: 'wrong-pin', failed });
    return fail('wrong-pin', 'wrong PIN', { attemptsLeft: MAX_FAILED_ATTEMPTS - failed });
  });
}
