/**
 * Staff approvals at a checkout beyond item removal: a line's price override and voiding the whole
 * basket before payment. A supervisor or manager does either at once; an associate's request
 * becomes a waiting approval that a supervisor decides after signing in with badge + PIN.
 *
 * Guarantees: an override only ever lowers a line (0 ≤ new price < shelf price); nothing changes
 * once the cart is paid; every request, decision and void leaves an audit row.
 */
import type { PriceOverrideReason, SessionView } from '../../../bridge/views';
import { overrideUnit } from './checkout-pricing';
import type { StaffAudit } from './staff-audit';
import type { StaffQueue } from './staff-queue';
import { payable, type Visit } from './visit';

export interface StaffCheckoutDeps {
  visit: Visit;
  queue: StaffQueue;
  audit: StaffAudit;
  role: SessionView['role'];
  /** Ends the visit (and wipes it) as "done" would. */
  endVisit(): void;
  changed(): SessionView;
}

const canApprove = (role: string) => role === 'supervisor' || role === 'manager';

export function createStaffCheckout(deps: StaffCheckoutDeps) {
  const { visit, queue, audit } = deps;

  function refuse(): SessionView {
    visit.notify('override-refused');
    return deps.changed();
  }

  function voidNow(requestedBy: string): void {
    const { staff, sessionId, lines } = visit.state;
    audit('staff.void', sessionId, {
      lines: lines.map((l) => ({ sku: l.item.sku, qty: l.qty })),
      requestedBy,
      approvedBy: staff?.staffId ?? null,
    });
    visit.clearLines();
    deps.endVisit();
    visit.notify('basket-voided');
  }

  /** Withdraws an override still waiting for the same line (a newer request replaces it). */
  function replaceWaiting(sku: string): void {
    for (const [id, waiting] of visit.state.desk.pending)
      if (waiting.item.sku === sku) {
        visit.takePendingOverride(id);
        queue.withdraw(new Set([id]));
      }
  }

  return {
    overridePrice(sku: string, priceCents: number, reason: PriceOverrideReason): SessionView {
      visit.begin();
      const staff = visit.state.staff;
      const line = visit.state.lines.find((l) => l.item.sku === sku);
      if (!staff || deps.role !== 'checkout' || !line || !payable(visit.state)) return refuse();
      if (overrideUnit(line.item, priceCents) === null) return refuse();
      const override = { item: line.item, toCents: priceCents, reason, requestedBy: staff.staffId };
      const detail = { fromCents: line.item.priceCents, toCents: priceCents, reason };
      replaceWaiting(sku);
      if (canApprove(staff.role)) {
        visit.applyOverride({ ...override, approvedBy: staff.staffId });
        audit('staff.override', sku, { ...detail, approvedBy: staff.staffId });
        return deps.changed();
      }
      const approval = queue.ask({
        kind: 'price-override',
        sku,
        name: { zh: line.item.nameZh, en: line.item.nameEn },
      });
      visit.waitForOverride(approval.approvalId, { ...override, approvedBy: null });
      audit('staff.override.requested', sku, { ...detail, approvalId: approval.approvalId });
      visit.notify('supervisor-needed');
      return deps.changed();
    },

    voidBasket(): SessionView {
      visit.begin();
      const { staff, sessionId, desk } = visit.state;
      if (!staff || deps.role !== 'checkout' || !sessionId || !payable(visit.state))
        return refuse();
      if (canApprove(staff.role)) voidNow(staff.staffId);
      else if (!desk.voidRequest) {
        const approval = queue.ask({ kind: 'void', sku: null, name: null });
        visit.waitForVoid(approval.approvalId, staff.staffId);
        audit('staff.void.requested', sessionId, { approvalId: approval.approvalId });
        visit.notify('supervisor-needed');
      }
      return deps.changed();
    },

    /** Applies a supervisor's decision on an override or void this desk asked for. */
    settle(approvalId: string, approved: boolean): void {
      const staff = visit.state.staff;
      const pending = visit.takePendingOverride(approvalId);
      if (pending && approved && staff && payable(visit.state))
        visit.applyOverride({ ...pending, approvedBy: staff.staffId });
      const voidRequest = visit.takeVoidRequest(approvalId);
      if (voidRequest && approved && payable(visit.state)) voidNow(voidRequest.requestedBy);
    },
  };
}
