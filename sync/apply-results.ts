/**
 * Applies a push answer to the outbox, in ONE local transaction with the compensations it carries:
 * - `applied`, `duplicate` of an applied original → `acked`;
 * - `rejected` (or a duplicate of a rejected original) → `acked` with the error code, plus the
 *   compensating change (cached points balance) and a staff task row; `unknown-mutation` /
 *   `invalid-args` → `parked` (a poison entry: never resent, never blocks the queue);
 * - rows of the batch the server did not cover (seq > its lastSeq) → back to `pending`.
 * - a registerMember answer records provisional → permanent member id (member-ids.ts);
 * - an attachPhoto answer deletes the kiosk's copy of the photo (photo-upload.ts).
 * Applying the same answer twice changes nothing more (staff tasks are keyed).
 */
import type { WritableDB } from '../core/store/db';
import { setCachedPoints } from '../core/sync-store/member-rows';
import { recordSyncStaffTask, setAnswerState } from '../core/sync-store/outbox-sync';
import { recordMemberAlias, registeredMember } from './member-ids';
import { forgetUploadedPhoto } from './photo-upload';
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
  if (c?.kind === 'points-balance') setCachedPoints(db, c.memberId, c.balance);
}

/**
 * An applied earn/redeem answers with the member's server balance after it: the members cache
 * takes it in the ack transaction, so the shown balance (cache + unacknowledged ledger rows) stays
 * right between this ack and the next members pull. Only `applied` counts: a duplicate's stored
 * balance may be older than what a pull has brought since.
 */
function cacheAckedBalance(db: WritableDB, key: string, result: MutationResult): void {
  if (result.status !== 'applied' || !/^(earn|redeem)Points:/.test(key)) return;
  const r = result.result as { memberId?: unknown; balance?: unknown } | null;
  if (typeof r?.memberId !== 'string' || typeof r.balance !== 'number') return;
  setCachedPoints(db, r.memberId, r.balance);
}

function recordTask(db: WritableDB, key: string, r: Rejection, at: string): void {
  const task = r.staffTask ?? { id: `local:${key}`, kind: 'sync-rejection', message: r.message };
  recordSyncStaffTask(db, {
    taskId: task.id,
    kind: task.kind,
    message: task.message,
    mutationKey: key,
    errorCode: r.code,
    compensation: JSON.stringify(r.compensation ?? {}),
    createdAt: at,
  });
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
  db.transaction(() => {
    for (const row of sent) {
      const result = bySeq.get(row.seq);
      if (!result) {
        if (row.seq <= answer.lastSeq) {
          setAnswerState(db, row.id, 'acked', null);
          counts.acked++;
        } else {
          setAnswerState(db, row.id, 'pending', 'not processed by the server yet');
          counts.requeued++;
        }
        continue;
      }
      const rejection = rejectionOf(result);
      if (!rejection) {
        cacheAckedBalance(db, row.key, result);
        setAnswerState(db, row.id, 'acked', null);
        counts.acked++;
        const answered =
          result.status === 'applied'
            ? result.result
            : result.status === 'duplicate'
              ? result.original?.result
              : null;
        // registerMember answered the permanent id: keep the mapping with the acknowledgement
        const registered = registeredMember(answered);
        if (registered) recordMemberAlias(db, registered, at);
        // attachPhoto stored in the cloud: the kiosk's copy goes
        forgetUploadedPhoto(db, answered);
        continue;
      }
      compensate(db, rejection.compensation);
      recordTask(db, row.key, rejection, at);
      if (POISON.has(rejection.code)) {
        setAnswerState(db, row.id, 'parked', `${rejection.code}: ${rejection.message}`);
        counts.parked++;
      } else {
        setAnswerState(db, row.id, 'acked', `${rejection.code}: ${rejection.message}`);
        counts.rejected++;
      }
    }
  });
  return counts;
}
