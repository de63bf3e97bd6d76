/**
 * After migration 150 on a database that already holds events, the rollups start empty: the
 * first start recomputes them from the events once (the migration leaves a row in
 * `hq_backfill`; the recompute and its removal commit together, under a lock, so only one instance
 * does it).
 */
import type { Db } from '../../db/db';
import { recomputeRollups } from './recompute';

export async function backfillRollups(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('hq-backfill'))");
    const { rows } = await tx.query('DELETE FROM hq_backfill RETURNING requested_at');
    if (rows.length === 0) return false;
    await recomputeRollups(tx, { facts: 'from-events' });
    return true;
  });
}
