import type { Migration } from './types';

/**
 * The outbox of mutations for the cloud, and the pull cursors. `seq` is gapless per
 * (device, epoch): it is taken from `outbox_counters` in the same transaction as the row, so a
 * rolled-back write gives its number back, and pruning acknowledged rows never reuses one.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_counters (
        device_id TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (device_id, epoch)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        epoch INTEGER NOT NULL CHECK (epoch >= 1),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        idempotency_key TEXT NOT NULL UNIQUE,
        mutation TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        args TEXT NOT NULL CHECK (json_valid(args)),
        hlc TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'acked', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (device_id, epoch, seq)
      ) STRICT;
      CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
      CREATE TABLE sync_cursors (
        stream TEXT PRIMARY KEY,
        cursor TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
