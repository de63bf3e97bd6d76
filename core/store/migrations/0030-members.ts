import type { Migration } from './types';

/**
 * The members cache. Name, phone and birthday are only ever stored as AES-256-GCM ciphertexts
 * (core/crypto); card number, QR token and phone last-4 only as keyed HMACs for look-up; `pii_mac`
 * is a keyed hash of the plaintexts so a re-import can tell "unchanged" without decrypting.
 * An erased member keeps its row (so a later import or pull cannot resurrect it) with every
 * personal column null and `erased_at` set.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'members',
  up(db) {
    db.exec(`
      CREATE TABLE members (
        member_id TEXT PRIMARY KEY,
        card_hash BLOB UNIQUE,
        qr_hash BLOB UNIQUE,
        phone_last4_hash BLOB,
        name_enc BLOB,
        phone_enc BLOB,
        birthday_enc BLOB,
        pii_mac BLOB,
        gender TEXT CHECK (gender IN ('F', 'M', 'U')),
        tier TEXT NOT NULL REFERENCES tiers(tier),
        points INTEGER NOT NULL DEFAULT 0,
        home_store TEXT REFERENCES stores(location_id),
        consent_profile INTEGER NOT NULL DEFAULT 0 CHECK (consent_profile IN (0, 1)),
        consent_marketing INTEGER NOT NULL DEFAULT 0 CHECK (consent_marketing IN (0, 1)),
        joined_on TEXT,
        erased_at TEXT,
        CHECK (erased_at IS NULL OR (name_enc IS NULL AND phone_enc IS NULL
          AND birthday_enc IS NULL AND card_hash IS NULL AND qr_hash IS NULL
          AND phone_last4_hash IS NULL AND pii_mac IS NULL))
      ) STRICT;
      CREATE INDEX members_phone_last4 ON members(phone_last4_hash);
    `);
  },
};
