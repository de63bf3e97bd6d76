/**
 * The staff queue as this kiosk sees it: size requests and alerts from every kiosk of the store,
 * and approvals a shopper at THIS kiosk is waiting on.
 *
 * Requests live in SQLite (`staff_requests`, sync/staff-requests.ts): a request raised or moved on
 * here commits together with its outbox row (`staffRequest` v2 / `updateStaffRequest`), so it
 * survives a restart and reaches the other kiosks through the cloud's `requests` stream; rows
 * pulled from that stream land in the same table, and `refresh()` tells the screens. Status only
 * moves forward; a finished request never reopens.
 *
 * Approvals stay in memory: they are for the shopper standing here, and staff come to this screen.
 * Every change fires `changes` so the host can push it to the screens; a request raised or seen
 * for the first time fires `requested`; a write that wants pushing to the cloud fires `written`.
 */
import { randomUUID } from 'node:crypto';
import { Listeners } from '../../../common/lifecycle';
import type { ApprovalView, StaffRequestView } from '../../../bridge/views';
import { enqueue } from '../../../core/outbox/outbox';
import { deviceIdentity } from '../../../core/outbox/device';
import type { WritableDB } from '../../../core/store/db';
import { movesForward } from '../../../sync/protocol';
import {
  mergeRequest,
  openRequests,
  pruneRequests,
  readRequest,
  requestsByIds,
  wireStamp,
  type StoredRequest,
} from '../../../sync/staff-requests';

/** Where requests are kept and how they are stamped. */
export interface StaffQueueStore {
  db: WritableDB;
  storeId: string;
  /** The next HLC stamp of this kiosk (core's text form). */
  stamp(): string;
}

type NewRequest = Pick<StaffRequestView, 'kind' | 'place' | 'sku' | 'size' | 'name'>;
type NewApproval = Pick<ApprovalView, 'kind' | 'sku' | 'name'>;

const MAX_KEPT = 200;
/** Requests older than this leave the open queue (the cloud's stream window is the same). */
const OPEN_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Requests untouched for this long are deleted at start. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

const toView = (r: StoredRequest): StaffRequestView => ({
  requestId: r.requestId,
  kind: r.kind,
  place: r.place,
  sku: r.sku,
  size: r.size,
  name: r.nameZh === null && r.nameEn === null ? null : { zh: r.nameZh ?? '', en: r.nameEn ?? '' },
  status: r.status,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export class StaffQueue {
  private readonly approvals: ApprovalView[] = [];
  /** Requests already announced with `requested` (raised here or seen after a pull). */
  private readonly announced = new Set<string>();
  /** A request raised here, or seen for the first time after a pull. */
  readonly requested = new Listeners<[StaffRequestView]>();
  /** Anything in the queue changed (requests or approvals). */
  readonly changes = new Listeners();
  /** A request was raised or moved on here: its outbox row wants pushing now. */
  readonly written = new Listeners();

  constructor(
    private readonly store: StaffQueueStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    pruneRequests(store.db, new Date(this.now().getTime() - KEEP_MS).toISOString());
    for (const r of this.open()) this.announced.add(r.requestId);
  }

  private open(): StoredRequest[] {
    const since = new Date(this.now().getTime() - OPEN_WINDOW_MS).toISOString();
    return openRequests(this.store.db, this.store.storeId, since, MAX_KEPT);
  }

  /** Raises a request: the row and its `staffRequest` outbox entry commit together. */
  request(input: NewRequest): StaffRequestView {
    const { db } = this.store;
    const at = this.now();
    const stamp = this.store.stamp();
    const request = db.transaction(() => {
      const row: StoredRequest = {
        requestId: randomUUID(),
        storeId: this.store.storeId,
        originDevice: deviceIdentity(db).deviceId,
        kind: input.kind,
        place: input.place,
        sku: input.sku,
        size: input.size,
        nameZh: input.name?.zh ?? null,
        nameEn: input.name?.en ?? null,
        status: 'waiting',
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        updatedHlc: wireStamp(stamp, at),
        updatedDevice: deviceIdentity(db).deviceId,
        updatedBy: null,
      };
      mergeRequest(db, row);
      enqueue(
        db,
        {
          name: 'staffRequest',
          version: 2,
          idempotencyKey: `staffRequest:${row.requestId}`,
          args: {
            requestId: row.requestId,
            kind: row.kind,
            place: row.place,
            sku: row.sku,
            size: row.size,
            nameZh: row.nameZh,
            nameEn: row.nameEn,
            createdAt: row.createdAt,
          },
          hlc: stamp,
        },
        at,
      );
      return toView(row);
    });
    this.announced.add(request.requestId);
    this.written.fire();
    this.requested.fire(request);
    this.changes.fire();
    return request;
  }

  /**
   * Moves a request on (strictly forward); null when it is unknown, already finished or the move
   * goes backwards. The row and its `updateStaffRequest` outbox entry commit together, naming
   * the staff member who moved it.
   */
  update(
    requestId: string,
    status: StaffRequestView['status'],
    staffId: string | null,
  ): StaffRequestView | null {
    const { db } = this.store;
    const at = this.now();
    const stamp = this.store.stamp();
    const updated = db.transaction(() => {
      const current = readRequest(db, requestId);
      if (!current || status === 'waiting' || !movesForward(current.status, status)) return null;
      const next: StoredRequest = {
        ...current,
        status,
        updatedAt: at.toISOString(),
        updatedHlc: wireStamp(stamp, at),
        updatedDevice: deviceIdentity(db).deviceId,
        updatedBy: staffId,
      };
      mergeRequest(db, next);
      enqueue(
        db,
        {
          name: 'updateStaffRequest',
          version: 1,
          idempotencyKey: `updateStaffRequest:${requestId}:${status}`,
          args: { requestId, status, staffId },
          hlc: stamp,
        },
        at,
      );
      return toView(next);
    });
    if (updated) {
      this.written.fire();
      this.changes.fire();
    }
    return updated;
  }

  /**
   * Called after a pull changed requests: announces requests seen for the first time and pushes
   * the new state to the screens.
   */
  refresh(): void {
    for (const r of this.open()) {
      if (this.announced.has(r.requestId)) continue;
      this.announced.add(r.requestId);
      this.requested.fire(toView(r));
    }
    if (this.announced.size > 4 * MAX_KEPT) this.announced.clear();
    this.changes.fire();
  }

  /** Open requests of every kiosk of the store from the last 24 hours, newest first. */
  openRequests(): StaffRequestView[] {
    return this.open().map(toView);
  }

  requestsById(ids: ReadonlySet<string>): StaffRequestView[] {
    return requestsByIds(this.store.db, [...ids]).map(toView);
  }

  ask(input: NewApproval): ApprovalView {
    const approval: ApprovalView = {
      ...input,
      approvalId: randomUUID(),
      status: 'waiting',
      createdAt: this.now().toISOString(),
    };
    this.approvals.unshift(approval);
    this.approvals.splice(MAX_KEPT);
    this.changes.fire();
    return approval;
  }

  decide(approvalId: string, approve: boolean): ApprovalView | null {
    const approval = this.approvals.find((a) => a.approvalId === approvalId);
    if (!approval || approval.status !== 'waiting') return null;
    approval.status = approve ? 'approved' : 'refused';
    this.changes.fire();
    return approval;
  }

  /** Drops approvals nobody decided when their visit ends. */
  withdraw(approvalIds: ReadonlySet<string>): void {
    for (const approval of this.approvals)
      if (approvalIds.has(approval.approvalId) && approval.status === 'waiting')
        approval.status = 'refused';
  }

  openApprovals(): ApprovalView[] {
    return this.approvals.filter((a) => a.status === 'waiting');
  }

  approvalsById(ids: ReadonlySet<string>): ApprovalView[] {
    return this.approvals.filter((a) => ids.has(a.approvalId));
  }
}
