/**
 * Tasks the member cloud raised when it refused something this kiosk did offline
 * (`sync_staff_tasks`, written by sync/apply-results.ts with the compensation), with the refused
 * mutation's own arguments (the outbox keeps acknowledged rows). A task is resolved once.
 */
import type { ReadableDB, WritableDB } from '../store/db';

export interface SyncTaskRow {
  taskId: string;
  errorCode: string | null;
  /** JSON text, as the cloud sent it. */
  compensation: string;
  createdAt: string;
  /** The refused mutation and its JSON arguments; null once the outbox row is gone. */
  mutation: string | null;
  args: string | null;
}

/** The open tasks, oldest first. */
export function openSyncTaskRows(db: ReadableDB): SyncTaskRow[] {
  return db
    .prepareRead<[], SyncTaskRow>(
      `SELECT t.task_id AS taskId, t.error_code AS errorCode, t.compensation,
         t.created_at AS createdAt, o.mutation, o.args
       FROM sync_staff_tasks t LEFT JOIN outbox o ON o.idempotency_key = t.mutation_key
       WHERE t.resolved_at IS NULL ORDER BY t.created_at, t.task_id`,
    )
    .all();
}

/** The permanent id of a member who joined here provisionally (PRV-…), or the id as given. */
export function permanentMemberId(db: ReadableDB, memberId: string): string {
  return (
    db
      .prepareRead<[string], { member_id: string }>(
        'SELECT member_id FROM member_aliases WHERE provisional_id = ?',
      )
      .get(memberId)?.member_id ?? memberId
  );
}

/** Marks an open task resolved; false when it is unknown or already resolved. */
export function resolveSyncTask(db: WritableDB, taskId: string, at: Date): boolean {
  return (
    db
      .prepare(
        'UPDATE sync_staff_tasks SET resolved_at = ? WHERE task_id = ? AND resolved_at IS NULL',
      )
      .run(at.toISOString(), taskId).changes === 1
  );
}
