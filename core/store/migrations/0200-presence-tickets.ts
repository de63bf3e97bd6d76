import type { Migration } from './types';

/**
 * Presence tickets (docs/sync-protocol.md): the cloud's signed proof that a member of another store
 * presented a credential at this kiosk, valid 12 hours. Kept sealed with the cached member
 * (`presence_enc`, AES-GCM under the data key, like the other personal fields) with its expiry in
 * clear; each outbox row for that member written while it is valid carries a copy of the sealed
 * ticket (same AAD: the member's row), so a sale made offline later that day still proves presence.
 */
export const migration0200: Migration = {
  version: 200,
  name: 'presence-tickets',
  up(db) {
    db.exec(`
      ALTER TABLE members ADD COLUMN presence_enc BLOB;
      ALTER TABLE members ADD COLUMN presence_expires_at TEXT;
      ALTER TABLE outbox ADD COLUMN presence_enc BLOB;
    `);
  },
};
