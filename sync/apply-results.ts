/**
 * Applies a push answer to the outbox, in ONE local transaction with the compensations it carries:
 * - `applied`, `duplicate` of an applied original → `acked`;
 * - `rejected` (or a duplicate of a rejected original) → `acked` with the error code, plus the
 *   compensating change (cached points balance) and a staff task row; `unknown-mutation` /
 *   `invalid-args` → `parked` (a poison entry: never resent, never blocks the queue);
 * - rows of the batch the server did not cover (seq > its lastSeq) → back to `pending`.
 * Applying the same answer twice changes nothing more (staff tasks are keyed).
 */
import type { WritableDB } from '../core/store/db';
import type { Compensation, MutationResult, PushResponse, StoredResult } from './protocol';

export interface SentRow {
  id: number;
  seq: number;
  key: string;
}

export interface AppliedCounts {
  acked: number;
  rejected: number;
  parked: number;
  requeued: number;
}

const POISON = new Set(['unknown-mutation', 'invalid-args']);

interface Rejection {
  code: string;
  message: string;
  compensation: Compensation | null;
  staffTask: { id: string; kind: string; message: string } | null;
}

function rejectionOf(result: MutationResult): Rejection | null {
  if (result.status === 'rejected')
    return {
      code: result.error.code,
      message: result.error.message,
      compensation: result.compensation,
      staffTask: result.staffTask,
    };
  if (result.status === 'duplicate' && result.original?.status === 'rejected') {
    const o: StoredResult = result.original;
    return {
      code: o.error?.code ?? 'rejected',
      message: o.error?.message ?? 'rejected',
      compensation: o.compensation,
      staffTask: o.staffTask,
    };
  }
  return null;
}

function compensate(db: WritableDB, c: Compensation | null): void {
  // Only the points balance has a local cache to correct; the other kinds need a person (staff task).
  if (c?.kind === 'points-balance')
    db.prepare('UPDATE members SET points = ? WHERE member_id = ?').run(c.balance, c.memberId);
}

function recordTask(db: WritableDB, key: string, r: Rejection, at: string): void {
  const task = r.staffTask ?? { id: `local:${key}`, kind: 'sync-rejection', message: r.message };
  db.prepare(
    `INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, error_code, compensation, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING`,
  ).run(task.id, task.kind, task.message, key, r.code, JSON.stringify(r.compensation ?? {}), at);
}

export function applyPushResults(
  db: WritableDB,
  sent: readonly SentRow[],
  answer: PushResponse,
  now: Date,
): AppliedCounts {
  const counts: AppliedCounts = { acked: 0, rejected: 0, parked: 0, requeued: 0 };
  const bySeq = new Map<number, MutationResult>(answer.results.map((r) => [r.seq, r]));
  const at = now.toISOString();
  const setState = db.prepare(
    'UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?',
  );
  db.transaction(() => {
    for (const row of sent) {
      const result = bySeq.get(row.seq);
      if (!result) {
        if (row.seq <= answer.lastSeq) {
          setState.run('acked', null, row.id);
          counts.acked++;
        } else {
          setState.run('pending', 'not processed by the server yet', row.id);
          counts.requeued++;
        }
        continue;
      }
      const rejection = rejectionOf(result);
      if (!rejection) {
        setState.run('acked', null, row.id);
        counts.acked++;
        continue;
      }
      compensate(db, rejection.compensation);
      recordTask(db, row.key, rejection, at);
      if (POISON.has(rejection.code)) {
        setState.run('parked', `${rejection.code}: ${rejection.message}`, row.id);
        counts.parked++;
      } else {
        setState.run('acked', `${rejection.code}: ${rejection.message}`, row.id);
        counts.rejected++;
      }
    }
  });
  return counts;
}
