import type { Migration } from './types';

/**
 * The points ledger stays append-only for everything the cloud has not got: no UPDATE ever, and no
 * DELETE of an entry whose outbox row still waits for the cloud. An entry the cloud acknowledged is
 * already in the synced balance (core/members/points.ts), so the retention purge
 * (core/retention) may delete it once it is older than its window; the cloud keeps the ledger.
 */
export const migration0410: Migration = {
  version: 410,
  name: 'points-ledger-retention',
  up(db) {
    db.exec(`
      DROP TRIGGER points_ledger_no_delete;
      CREATE TRIGGER points_ledger_no_delete_unsynced BEFORE DELETE ON points_ledger
        WHEN EXISTS (SELECT 1 FROM outbox o
          WHERE o.idempotency_key = OLD.reason || 'Points:' || OLD.sale_id AND o.state <> 'acked')
        BEGIN SELECT RAISE(ABORT, 'points_ledger: an entry the cloud has not acknowledged stays'); END;
    `);
  },
};
