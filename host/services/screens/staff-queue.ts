/**
 * The staff queue of this kiosk: size requests and alerts from shoppers, and approvals a shopper
 * is waiting on. Held in host memory (it outlives a renderer reload, not a restart); each request
 * also goes to the cloud as a `staffRequest` outbox row so other screens in the store can show it.
 * Every change is reported through `onChange` so the host can push it to the screens.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalView, StaffRequestView } from '../../../bridge/views';

export interface StaffQueueEvents {
  onRequest(request: StaffRequestView): void;
  onChange(): void;
}

type NewRequest = Pick<StaffRequestView, 'kind' | 'place' | 'sku' | 'size' | 'name'>;
type NewApproval = Pick<ApprovalView, 'kind' | 'sku' | 'name'>;

const MAX_KEPT = 200;

export class StaffQueue {
  private readonly requests: StaffRequestView[] = [];
  private readonly approvals: ApprovalView[] = [];

  constructor(
    private readonly events: StaffQueueEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  request(input: NewRequest): StaffRequestView {
    const at = this.now().toISOString();
    const request: StaffRequestView = {
      ...input,
      requestId: randomUUID(),
      status: 'waiting',
      createdAt: at,
      updatedAt: at,
    };
    this.requests.unshift(request);
    this.requests.splice(MAX_KEPT);
    this.events.onRequest(request);
    this.events.onChange();
    return request;
  }

  /** Moves a request on; a finished request cannot be reopened. */
  update(requestId: string, status: StaffRequestView['status']): StaffRequestView | null {
    const request = this.requests.find((r) => r.requestId === requestId);
    if (!request || request.status === 'done' || request.status === 'cancelled') return null;
    request.status = status;
    request.updatedAt = this.now().toISOString();
    this.events.onChange();
    return request;
  }

  openRequests(): StaffRequestView[] {
    return this.requests.filter((r) => r.status === 'waiting' || r.status === 'on-the-way');
  }

  requestsById(ids: ReadonlySet<string>): StaffRequestView[] {
    return this.requests.filter((r) => ids.has(r.requestId));
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
    this.events.onChange();
    return approval;
  }

  decide(approvalId: string, approve: boolean): ApprovalView | null {
    const approval = this.approvals.find((a) => a.approvalId === approvalId);
    if (!approval || approval.status !== 'waiting') return null;
    approval.status = approve ? 'approved' : 'refused';
    this.events.onChange();
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
