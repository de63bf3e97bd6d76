import type { Migration } from './types';

/**
 * A try-on photo the shopper asked (on screen, signed in) to send to their member account: marked
 * here until the upload confirms it (`sent_at`). Unmarked photos are deleted when the visit ends.
 */
export const migration0130: Migration = {
  version: 130,
  name: 'photo-send',
  up(db) {
    db.exec(`
      ALTER TABLE photos ADD COLUMN send_requested_at TEXT;
      CREATE INDEX photos_to_send ON photos(send_requested_at)
        WHERE send_requested_at IS NOT NULL AND sent_at IS NULL;
    `);
  },
};
