/**
 * What a signed-in staff member does beyond signing in: moves requests on, decides approvals,
 * opens a member's panel (by scanning or typing their card or QR code) and, on the staff screen,
 * runs a guided session with that customer. Every action leaves an audit row naming them, also a
 * member look-up that found nobody (never the number typed): probing is visible.
 */
import type { MemberPanelView, SessionView, StaffRequestView } from '../../../bridge/views';
import type { DataKey } from '../../../core/crypto/data-key';
import { identifyMember, type IdentifyInput, type MemberView } from '../../../core/members';
import type { ReadableDB } from '../../../core/store/db';
import type { AttachMember } from './member-sign-in';
import type { StaffAudit } from './staff-audit';
import type { StaffQueue } from './staff-queue';
import type { Visit } from './visit';

export interface StaffActionDeps {
  visit: Visit;
  read: ReadableDB;
  key: DataKey;
  role: SessionView['role'];
  queue: StaffQueue;
  audit: StaffAudit;
  /** The member panel for an identified member (staff-member.ts); null once they are gone. */
  panelFor(member: MemberView): MemberPanelView | null;
  /** Puts the member on the guided session. */
  attach: AttachMember;
  /** Applies a decision on an override or void this desk asked for (staff-checkout.ts). */
  settleDesk(approvalId: string, approve: boolean): void;
  ensureSession(): string;
  /** Ends the guided session (the visit) but keeps the staff member signed in. */
  endGuided(): void;
  changed(): SessionView;
}

export function createStaffActions(deps: StaffActionDeps) {
  const { visit, queue, audit } = deps;

  /** Opens the member panel (and, in a guided session, puts the member on it). */
  function openMember(input: IdentifyInput): void {
    if (!visit.state.staff) {
      visit.notify('invalid');
      return;
    }
    const result = identifyMember(deps.read, deps.key, input);
    if (!result.ok) audit('staff.member.not-found', null, { kind: input.kind });
    const panel = result.ok ? deps.panelFor(result.value) : null;
    if (!result.ok || !panel) {
      visit.notify('member-not-found');
      return;
    }
    visit.setMemberPanel(panel);
    audit('staff.member.view', panel.memberId, { profileShown: panel.profile !== null });
    if (deps.role === 'staff' && visit.state.sessionId && !visit.state.member)
      deps.attach(result.value, 'member-signed-in');
  }

  return {
    /** Whether a staff member is signed in at this screen (the bridge's staff-only methods). */
    signedIn: () => visit.state.staff !== null,
    updateRequest(requestId: string, status: StaffRequestView['status']) {
      const staff = visit.state.staff;
      if (!staff) return null;
      const updated = queue.update(requestId, status, staff.staffId);
      if (updated) audit('staff.request', requestId, { status });
      return updated;
    },
    /** Approve or refuse; a price override or void needs a supervisor or manager. */
    decide(approvalId: string, approve: boolean) {
      const staff = visit.state.staff;
      if (!staff) return null;
      const approval = queue.openApprovals().find((a) => a.approvalId === approvalId);
      if (!approval) return null;
      if (approval.kind !== 'remove-item' && staff.role === 'associate') return null;
      const override = visit.state.desk.pending.get(approvalId);
      audit('staff.approval', approvalId, {
        kind: approval.kind,
        sku: approval.sku,
        approve,
        ...(override
          ? {
              fromCents: override.item.priceCents,
              toCents: override.toCents,
              reason: override.reason,
              requestedBy: override.requestedBy,
            }
          : {}),
      });
      const decided = queue.decide(approvalId, approve);
      if (decided) {
        deps.settleDesk(approvalId, approve);
        deps.changed();
      }
      return decided;
    },
    /** A member card or QR token scanned on the staff screen (the caller pushes the view). */
    memberScanned: openMember,
    /** A member card or QR token typed on a signed-in staff screen. */
    member(input: IdentifyInput): SessionView {
      visit.begin();
      openMember(input);
      return deps.changed();
    },
    closeMember(): SessionView {
      visit.begin();
      visit.setMemberPanel(null);
      return deps.changed();
    },
    guidedStart(): SessionView {
      visit.begin();
      if (deps.role === 'staff' && visit.state.staff && !visit.state.sessionId) {
        const sessionId = deps.ensureSession();
        audit('staff.guided.start', sessionId, {});
      }
      return deps.changed();
    },
    guidedEnd(): SessionView {
      visit.begin();
      const { staff, sessionId, cards } = visit.state;
      if (deps.role === 'staff' && staff && sessionId) {
        audit('staff.guided.end', sessionId, { cards: cards.length });
        deps.endGuided();
      }
      return deps.changed();
    },
  };
}
