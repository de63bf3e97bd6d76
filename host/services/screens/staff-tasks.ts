/**
 * "Sync now" and the tasks the member cloud raised when it refused something this kiosk did offline
 * (`sync_staff_tasks`, written by sync/apply-results.ts with the compensation), turned into facts
 * the staff console can say in plain words: which coupon, member, sale, order, how much. The
 * facts come from the rejection code, the compensation and the refused mutation's own arguments
 * (the outbox keeps acknowledged rows); the cloud's free-text message is never shown (it may name
 * a contact). Members appear by id only, a provisional id mapped to the permanent one.
 *
 * Guarantees: unreadable JSON or odd values give a task with fewer facts, never a throw; a task is
 * resolved once (a second "done" changes nothing and reports false).
 */
import type { SyncTaskView } from '../../../bridge/views';
import { recordAudit } from '../../../core/audit/audit';
import {
  openSyncTaskRows,
  permanentMemberId,
  resolveSyncTask,
  type SyncTaskRow,
} from '../../../core/staff';
import { readOnly, type ReadableDB, type WritableDB } from '../../../core/store/db';
import type { StaffAudit } from './staff-audit';
import type { Visit } from './visit';

type Facts = Record<string, unknown>;

const KIND_BY_CODE: Record<string, SyncTaskView['kind']> = {
  'coupon-already-used': 'coupon-already-used',
  'coupon-not-found': 'coupon-refused',
  'coupon-not-valid': 'coupon-refused',
  'points-overdrawn': 'points-overdrawn',
  'out-of-stock': 'order-failed',
  'member-not-found': 'member-unknown',
  'unknown-mutation': 'not-synced',
  'invalid-args': 'not-synced',
};

function parseObject(text: string | null): Facts {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Facts)
      : {};
  } catch {
    return {};
  }
}

const text = (...values: unknown[]): string | null => {
  const found = values.find((v) => typeof v === 'string' && v.length > 0);
  return typeof found === 'string' ? found : null;
};
const whole = (...values: unknown[]): number | null => {
  const found = values.find((v) => typeof v === 'number' && Number.isInteger(v));
  return typeof found === 'number' ? found : null;
};

/** One stored task → what the console shows (pure but for the alias look-up). */
export function syncTaskView(row: SyncTaskRow, permanentId: (id: string) => string): SyncTaskView {
  const comp = parseObject(row.compensation);
  const args = parseObject(row.args);
  const memberId = text(comp.memberId, args.memberId);
  return {
    taskId: row.taskId,
    kind: KIND_BY_CODE[row.errorCode ?? ''] ?? 'other',
    memberId: memberId === null ? null : permanentId(memberId),
    couponCode: text(comp.couponCode, args.couponCode),
    discountCents: whole(comp.discountCents, args.discountCents),
    points: row.mutation === 'redeemPoints' ? whole(args.points) : null,
    balance: comp.kind === 'points-balance' ? whole(comp.balance) : null,
    orderId: text(comp.orderId, args.orderId),
    saleId: text(args.saleId),
    errorCode: row.errorCode,
    createdAt: row.createdAt,
  };
}

/** The open tasks, oldest first, as the console shows them. */
export function openSyncTasks(db: ReadableDB): SyncTaskView[] {
  return openSyncTaskRows(db).map((row) => syncTaskView(row, (id) => permanentMemberId(db, id)));
}

export interface StaffSyncDeps {
  visit: Visit;
  db: WritableDB;
  audit: StaffAudit;
  now(): Date;
}

/** "Sync now" and the sync tasks, for a signed-in staff member only (null otherwise). */
export function createStaffSyncActions(deps: StaffSyncDeps) {
  const { visit, db } = deps;
  const read = readOnly(db);
  return {
    /** Runs "sync now", audited with its outcome under the staff member who asked. */
    async syncNow<T extends { ok: boolean; pushed: number; pulledRows: number }>(
      run: () => Promise<T>,
    ): Promise<T | null> {
      const staff = visit.state.staff;
      if (!staff) return null;
      visit.begin();
      const result = await run();
      recordAudit(db, {
        at: deps.now(),
        actor: staff.staffId,
        action: 'staff.sync-now',
        subject: null,
        detail: { ok: result.ok, pushed: result.pushed, pulledRows: result.pulledRows },
      });
      return result;
    },
    syncTasks: () => (visit.state.staff ? openSyncTasks(read) : null),
    /** "Done" on a sync task: resolved and audited once; answers the tasks still open. */
    resolveSyncTask(taskId: string) {
      if (!visit.state.staff) return null;
      visit.begin();
      const task = openSyncTasks(read).find((t) => t.taskId === taskId);
      if (task && resolveSyncTask(db, taskId, deps.now()))
        deps.audit('staff.sync-task.resolve', taskId, {
          kind: task.kind,
          errorCode: task.errorCode,
        });
      return openSyncTasks(read);
    },
  };
}
