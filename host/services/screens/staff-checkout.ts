/**
 * Staff approvals at a checkout beyond item removal: a line's price override and voiding the whole
 * basket before payment. A supervisor or manager does either at once; an associate's request
 * becomes a waiting approval that a supervisor decides after signing in with badge + PIN.
 *
 * Guarantees: an override only ever lowers a line (0 ≤ new price < shelf price); nothing changes
 * once the cart is paid; every request, decision and void leaves an audit row.
 */
import type { PriceOverrideReason, SessionView } from '../../../bridge/views';
import type { ScreenCore } from './screen-service';
import type { StaffDesk } from './staff-desk';
import { overrideUnit } from './checkout-pricing';

export type Audit = (action: string, subject: string | null, detail: object) => void;

export interface StaffCheckoutDeps {
  desk: StaffDesk;
  audit: Audit;
  /** Ends the visit (and wipes it) as "done" would. */
  endVisit(): void;
}

const canApprove = (role: string) => role === 'supervisor' || role === 'manager';

export function createStaffCheckout(core: ScreenCore, deps: StaffCheckoutDeps) {
  const { desk, audit } = deps;
  const payable = () =>
    core.visit.payment.state === 'open' || core.visit.payment.state === 'declined';

  function refuse(): SessionView {
    core.notify('override-refused');
    return core.changed();
  }

  function voidNow(requestedBy: string): void {
    const staff = core.visit.staff;
    audit('staff.void', core.visit.sessionId, {
      lines: core.visit.lines.map((l) => ({ sku: l.item.sku, qty: l.qty })),
      requestedBy,
      approvedBy: staff?.staffId ?? null,
    });
    core.visit.lines = [];
    deps.endVisit();
    core.notify('basket-voided');
  }

  return {
    overridePrice(sku: string, priceCents: number, reason: PriceOverrideReason): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      core.visit.notice = null;
      const staff = core.visit.staff;
      const line = core.visit.lines.find((l) => l.item.sku === sku);
      if (!staff || core.options.config.role !== 'checkout' || !line || !payable()) return refuse();
      if (overrideUnit(line.item, priceCents) === null) return refuse();
      const override = { item: line.item, toCents: priceCents, reason, requestedBy: staff.staffId };
      const detail = { fromCents: line.item.priceCents, toCents: priceCents, reason };
      // A newer request for the same line replaces one still waiting.
      for (const [id, waiting] of desk.pending)
        if (waiting.item.sku === sku) {
          desk.pending.delete(id);
          core.queue.withdraw(new Set([id]));
        }
      if (canApprove(staff.role)) {
        desk.overrides.set(sku, { ...override, approvedBy: staff.staffId });
        audit('staff.override', sku, { ...detail, approvedBy: staff.staffId });
        return core.changed();
      }
      const approval = core.queue.ask({
        kind: 'price-override',
        sku,
        name: { zh: line.item.nameZh, en: line.item.nameEn },
      });
      desk.pending.set(approval.approvalId, { ...override, approvedBy: null });
      audit('staff.override.requested', sku, { ...detail, approvalId: approval.approvalId });
      core.notify('supervisor-needed');
      return core.changed();
    },

    voidBasket(): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      core.visit.notice = null;
      const staff = core.visit.staff;
      if (!staff || core.options.config.role !== 'checkout' || !core.visit.sessionId || !payable())
        return refuse();
      if (canApprove(staff.role)) voidNow(staff.staffId);
      else if (!desk.voidRequest) {
        const approval = core.queue.ask({ kind: 'void', sku: null, name: null });
        desk.voidRequest = { approvalId: approval.approvalId, requestedBy: staff.staffId };
        audit('staff.void.requested', core.visit.sessionId, { approvalId: approval.approvalId });
        core.notify('supervisor-needed');
      }
      return core.changed();
    },

    /** Applies a supervisor's decision on an override or void this desk asked for. */
    settle(approvalId: string, approved: boolean): void {
      const staff = core.visit.staff;
      const pending = desk.pending.get(approvalId);
      if (pending) {
        desk.pending.delete(approvalId);
        if (approved && staff && payable())
          desk.overrides.set(pending.item.sku, { ...pending, approvedBy: staff.staffId });
      }
      if (desk.voidRequest?.approvalId === approvalId) {
        const { requestedBy } = desk.voidRequest;
        desk.voidRequest = null;
        if (approved && payable()) voidNow(requestedBy);
      }
    },
  };
}
