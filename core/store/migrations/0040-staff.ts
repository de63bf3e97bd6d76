import type { Migration } from './types';

/**
 * Staff accounts. The badge is stored as a keyed HMAC and the PIN as a peppered scrypt hash with
 * its salt and parameters; failed attempts and the lock are counted here so a restart does not
 * reset a lockout.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'staff',
  up(db) {
    db.exec(`
      CREATE TABLE staff (
        staff_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('associate', 'supervisor', 'manager')),
        badge_hash BLOB NOT NULL UNIQUE,
        store_id TEXT NOT NULL REFERENCES stores(location_id),
        pin_hash BLOB NOT NULL,
        pin_salt BLOB NOT NULL,
        pin_params TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until TEXT
      ) STRICT;
    `);
  },
};
