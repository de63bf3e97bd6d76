import type { Migration } from './types';

/**
 * Staff names are personal data: they move from clear `name` to `name_enc` (AES-GCM with the data
 * key, the staff id as associated data) with `name_mac`, a keyed hash that tells a re-import
 * whether the name changed. A migration has no key, so existing names wait in
 * `staff_names_unsealed` until the kiosk next opens with its key (core/staff/staff-names.ts
 * `sealLegacyStaffNames`), which seals them and empties that table.
 */
export const migration0240: Migration = {
  version: 240,
  name: 'staff-name-sealed',
  up(db) {
    db.exec(`
      CREATE TABLE staff_names_unsealed (
        staff_id TEXT PRIMARY KEY REFERENCES staff(staff_id) ON DELETE CASCADE,
        name TEXT NOT NULL
      ) STRICT;
      INSERT INTO staff_names_unsealed (staff_id, name) SELECT staff_id, name FROM staff;
      ALTER TABLE staff ADD COLUMN name_enc BLOB;
      ALTER TABLE staff ADD COLUMN name_mac BLOB;
      ALTER TABLE staff DROP COLUMN name;
    `);
  },
};
