import type { Migration } from './types';

/**
 * The rows still waiting for the cloud, indexed apart. Each push asks for the oldest group's next
 * rows (core/sync-store/outbox-sync.ts); with only the `(state, next_attempt_at)` index SQLite
 * read every waiting row and sorted them to find the oldest, then walked the device's index past
 * every row already acknowledged: ~5 ms each at 100,000 queued rows, for every push of a drain
 * (issue 15: a fifth of a 100,000-mutation drain's process time). Partial indexes hold only
 * waiting rows, so they stay small once the outbox has drained.
 */
export const migration0420: Migration = {
  version: 420,
  name: 'outbox-unacked-index',
  up(db) {
    db.exec(`
      CREATE INDEX outbox_unacked_order ON outbox(epoch, seq) WHERE state IN ('pending', 'sent');
      CREATE INDEX outbox_unacked_group ON outbox(device_id, epoch, seq) WHERE state IN ('pending', 'sent');
    `);
  },
};
