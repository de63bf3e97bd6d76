import type { Migration } from './types';

/**
 * The phone link of each mirror visit (core/looks): one random token per session, made on the
 * kiosk, valid for 7 days; the look itself travels to the cloud as a `shareLook` mutation. The
 * token is a capability, not personal data: it names the visit's garments, never the shopper.
 */
export const migration0380: Migration = {
  version: 380,
  name: 'look-links',
  up(db) {
    db.exec(`
      CREATE TABLE look_links (
        session_id TEXT PRIMARY KEY,
        token TEXT NOT NULL UNIQUE CHECK (length(token) = 22),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL CHECK (expires_at > created_at),
        revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0)
      ) STRICT;
    `);
  },
};
