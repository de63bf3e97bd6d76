/**
 * Staff names at rest: sealed with the data key (AES-GCM, the staff id as associated data, so a
 * name copied onto another row does not open), plus a keyed hash so an import can tell a changed
 * name from an unchanged one without comparing (randomised) ciphertexts.
 */
import { decryptField, encryptField, lookupHash, type FieldAad } from '../crypto/field-crypto';
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';

const aad = (staffId: string): FieldAad => ({ table: 'staff', column: 'name_enc', rowId: staffId });

export interface SealedStaffName {
  name_enc: Buffer;
  name_mac: Buffer;
}

export function sealStaffName(key: DataKey, staffId: string, name: string): SealedStaffName {
  return {
    name_enc: encryptField(key, name, aad(staffId)),
    name_mac: lookupHash(key, 'pii', JSON.stringify(['staff', staffId, name])),
  };
}

/** The name, or null when there is none or it does not open (moved, altered, another key). */
export function openStaffName(
  key: DataKey,
  staffId: string,
  sealed: Uint8Array | null,
): string | null {
  if (!sealed) return null;
  try {
    return decryptField(key, sealed, aad(staffId));
  } catch {
    return null;
  }
}

/** Seals the names migration 0240 set aside; a no-op once they are sealed. Returns how many. */
export function sealLegacyStaffNames(db: WritableDB, key: DataKey): number {
  const rows = db
    .prepare<[], { staff_id: string; name: string }>(
      'SELECT staff_id, name FROM staff_names_unsealed',
    )
    .all();
  if (rows.length === 0) return 0;
  // A name an import or a pull already sealed is newer than the one set aside.
  const update = db.prepare(
    'UPDATE staff SET name_enc = ?, name_mac = ? WHERE staff_id = ? AND name_enc IS NULL',
  );
  db.transaction(() => {
    for (const row of rows) {
      const sealed = sealStaffName(key, row.staff_id, row.name);
      update.run(sealed.name_enc, sealed.name_mac, row.staff_id);
    }
    db.prepare('DELETE FROM staff_names_unsealed').run();
  });
  return rows.length;
}
