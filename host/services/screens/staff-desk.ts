/**
 * What a signed-in staff member works with beyond the queue: the member panel open now, and this
 * cart's price overrides (applied, or waiting for a supervisor) and a void waiting for one.
 * Held in host memory with the visit and wiped with it; nothing here is written to disk except
 * through the audit log and, for applied overrides, the sale.
 */
import type {
  MemberPanelView,
  PriceOverrideReason,
  PriceOverrideView,
  StaffDeskView,
} from '../../../bridge/views';
import type { CatalogItem } from '../../../core/catalog/lookup';

export interface DeskOverride {
  item: CatalogItem;
  toCents: number;
  reason: PriceOverrideReason;
  requestedBy: string;
  /** Null while waiting for a supervisor's approval. */
  approvedBy: string | null;
}

export interface StaffDesk {
  memberPanel: MemberPanelView | null;
  /** Applied overrides by SKU (one per cart line; a newer one replaces it). */
  overrides: Map<string, DeskOverride & { approvedBy: string }>;
  /** Overrides an associate asked for, by approval id. */
  pending: Map<string, DeskOverride>;
  /** A void an associate asked for: its approval id and who asked. */
  voidRequest: { approvalId: string; requestedBy: string } | null;
}

export function emptyDesk(): StaffDesk {
  return { memberPanel: null, overrides: new Map(), pending: new Map(), voidRequest: null };
}

/** Approval ids this desk is waiting on (withdrawn when the visit ends). */
export function waitingApprovals(desk: StaffDesk): Set<string> {
  const ids = new Set(desk.pending.keys());
  if (desk.voidRequest) ids.add(desk.voidRequest.approvalId);
  return ids;
}

function overrideView(o: DeskOverride, approvalId: string | null): PriceOverrideView {
  return {
    sku: o.item.sku,
    name: { zh: o.item.nameZh, en: o.item.nameEn },
    fromCents: o.item.priceCents,
    toCents: o.toCents,
    reason: o.reason,
    status: approvalId ? 'waiting' : 'applied',
    approvalId,
  };
}

export function deskView(desk: StaffDesk): StaffDeskView {
  return {
    memberPanel: desk.memberPanel,
    overrides: [
      ...[...desk.overrides.values()].map((o) => overrideView(o, null)),
      ...[...desk.pending.entries()].map(([id, o]) => overrideView(o, id)),
    ],
    voidApprovalId: desk.voidRequest?.approvalId ?? null,
  };
}
