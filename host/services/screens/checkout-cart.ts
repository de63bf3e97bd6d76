/**
 * Self-checkout, the cart: garments scanned or put down by the RFID reader become lines; a lower
 * quantity needs a staff member's approval (`removeNeedsStaff`) unless one is signed in here; an
 * item this store does not know alerts staff; coupons and points are chosen before paying. Nothing
 * changes once the cart is being paid or is paid.
 */
import type { ApprovalView, SessionView } from '../../../bridge/views';
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { StaffQueue } from './staff-queue';
import { payable, type Visit } from './visit';

export interface CheckoutCartDeps {
  visit: Visit;
  queue: StaffQueue;
  role: SessionView['role'];
  /** Where the shopper is, for the staff request an unknown item raises. */
  place: string;
  removeNeedsStaff: boolean;
  ensureSession(): string;
  changed(): SessionView;
}

export function createCheckoutCart(deps: CheckoutCartDeps) {
  const { visit, queue } = deps;

  function askRemoval(item: CatalogItem): void {
    if ([...visit.state.removals.values()].includes(item.sku)) return;
    const approval = queue.ask({
      kind: 'remove-item',
      sku: item.sku,
      name: { zh: item.nameZh, en: item.nameEn },
    });
    visit.waitForRemoval(approval.approvalId, item.sku);
    visit.notify('approval-needed');
  }

  return {
    add(item: CatalogItem): void {
      deps.ensureSession();
      if (payable(visit.state)) visit.addLine(item);
    },
    setQty(sku: string, qty: number): SessionView {
      const line = visit.state.lines.find((l) => l.item.sku === sku);
      if (line && payable(visit.state)) {
        if (qty < line.qty && deps.removeNeedsStaff && !visit.state.staff) askRemoval(line.item);
        else visit.setQty(sku, qty);
      }
      return deps.changed();
    },
    /** An item this store does not know: the shopper is asked to wait, staff are alerted. */
    unknownItem(): void {
      visit.notify(deps.role === 'checkout' ? 'ask-staff' : 'not-found');
      if (deps.role !== 'checkout') return;
      const request = queue.request({
        kind: 'unknown-item',
        place: deps.place,
        sku: null,
        size: null,
        name: null,
      });
      visit.addRequest(request.requestId);
    },
    toggleCoupon(code: string, applied: boolean): SessionView {
      if (payable(visit.state)) visit.setCoupon(code, applied);
      return deps.changed();
    },
    redeemPoints(points: number): SessionView {
      if (payable(visit.state)) visit.setPointsToRedeem(Math.max(0, Math.floor(points)));
      return deps.changed();
    },
    /** Settles removals staff decided on (the queue changed). */
    settleRemovals(approvals: readonly ApprovalView[]): void {
      for (const approval of approvals) {
        if (approval.status === 'waiting') continue;
        const sku = visit.settleRemoval(approval.approvalId);
        if (approval.status === 'approved' && sku) visit.setQty(sku, 0);
      }
    },
  };
}
