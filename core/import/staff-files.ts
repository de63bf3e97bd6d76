/**
 * Import spec for staff.csv. The name is sealed (core/staff/staff-names.ts), the badge becomes a
 * keyed hash and the PIN a peppered scrypt hash; when a staff member's stored hash already
 * verifies the file's PIN it is kept as is, so a second import neither rehashes nor changes
 * anything (the name is compared by its keyed hash, never by ciphertext).
 */
import { z } from 'zod';
import { hashPin, verifyPinSync } from '../crypto/pin-hash';
import { lookupHash } from '../crypto/field-crypto';
import { sealStaffName } from '../staff/staff-names';
import { id, text } from './fields';
import { fileSpec, type FileSpec } from './spec';

const staff = z.object({
  staff_id: id,
  name: text,
  role: z.enum(['associate', 'supervisor', 'manager'], {
    message: 'must be associate, supervisor or manager',
  }),
  badge_no: id,
  demo_pin: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
  store_id: id,
});

const columns = [
  'staff_id',
  'name_enc',
  'name_mac',
  'role',
  'badge_hash',
  'store_id',
  'pin_hash',
  'pin_salt',
  'pin_params',
] as const;
const col = (name: (typeof columns)[number]) => columns.indexOf(name);

interface StoredPin {
  pin_hash: Buffer;
  pin_salt: Buffer;
  pin_params: string;
}

export const staffFiles: readonly FileSpec[] = [
  fileSpec({
    file: 'staff.csv',
    table: 'staff',
    header: Object.keys(staff.shape),
    schema: staff,
    columns,
    key: ['staff_id'],
    needsKey: true,
    toRow: (row) => {
      const s = row;
      // Clear values ride in the sealed/hashed slots until `prepare` replaces them.
      return [s.staff_id, s.name, null, s.role, s.badge_no, s.store_id, s.demo_pin, null, null];
    },
    prepare(row, { db, key }) {
      if (!key) return { problem: 'needs the data key' };
      const pin = String(row[col('pin_hash')]);
      const stored = db
        .prepare<[unknown], StoredPin>(
          'SELECT pin_hash, pin_salt, pin_params FROM staff WHERE staff_id = ?',
        )
        .get(row[col('staff_id')]);
      const keep =
        stored &&
        verifyPinSync(key, pin, {
          hash: stored.pin_hash,
          salt: stored.pin_salt,
          params: stored.pin_params,
        });
      const hashed = keep
        ? { hash: stored.pin_hash, salt: stored.pin_salt, params: stored.pin_params }
        : hashPin(key, pin);
      const out = [...row];
      const name = sealStaffName(key, String(row[col('staff_id')]), String(row[col('name_enc')]));
      out[col('name_enc')] = name.name_enc;
      out[col('name_mac')] = name.name_mac;
      out[col('badge_hash')] = lookupHash(key, 'badge', String(row[col('badge_hash')]));
      out[col('pin_hash')] = hashed.hash;
      out[col('pin_salt')] = hashed.salt;
      out[col('pin_params')] = hashed.params;
      return out;
    },
    compare: columns.filter((c) => c !== 'staff_id' && c !== 'name_enc'),
  }),
];
