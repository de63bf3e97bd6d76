/**
 * Staff at any screen: badge (scanned) + PIN through core/staff (lockout after repeated failures),
 * the request queue and approvals. Every staff action leaves an audit row naming the staff member.
 */
import type { DataKey } from '../../../core/crypto/data-key';
import { verifyStaffPin } from '../../../core/staff';
import type { StaffRequestView } from '../../../bridge/views';
import type { Logger } from '../../log';
import type { ScreenCore } from './screen-service';

export function createStaffActions(core: ScreenCore, deps: { key: DataKey; log: Logger }) {
  const { db } = core.options;

  function audit(action: string, subject: string | null, detail: object): void {
    const actor = core.visit.staff?.staffId ?? 'unknown';
    db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
      core.now().toISOString(),
      actor,
      action,
      subject,
      JSON.stringify(detail),
    );
  }

  return {
    /** The badge is the one just scanned, or typed by the staff member. */
    async login(pin: string, typedBadge?: string) {
      const badge = typedBadge ?? core.visit.pendingBadge;
      core.visit.lastActivityMs = core.now().getTime();
      if (!badge) {
        core.notify('staff-unknown-badge');
        return core.changed();
      }
      const result = await verifyStaffPin(db, deps.key, badge, pin, core.now());
      if (result.ok) {
        core.visit.staff = {
          staffId: result.staff.staffId,
          name: result.staff.name,
          role: result.role,
        };
        core.visit.pendingBadge = null;
        core.visit.notice = null;
        return core.changed();
      }
      deps.log.info({ code: result.code }, 'staff sign-in refused');
      if (result.code === 'locked') {
        core.visit.pendingBadge = null;
        core.notify('staff-locked');
      } else if (result.code === 'unknown-badge') {
        core.visit.pendingBadge = null;
        core.notify('staff-unknown-badge');
      } else core.notify('staff-wrong-pin');
      return core.changed();
    },
    cancelPin() {
      core.visit.pendingBadge = null;
      return core.changed();
    },
    logout() {
      if (core.visit.staff) audit('staff.logout', null, {});
      core.visit.staff = null;
      return core.changed();
    },
    requests: () => core.queue.openRequests(),
    updateRequest(requestId: string, status: StaffRequestView['status']) {
      if (!core.visit.staff) return null;
      const updated = core.queue.update(requestId, status);
      if (updated) audit('staff.request', requestId, { status });
      return updated;
    },
    /** Approve or refuse; a price override or void needs a supervisor or manager. */
    decide(approvalId: string, approve: boolean) {
      const staff = core.visit.staff;
      if (!staff) return null;
      const approval = core.queue.openApprovals().find((a) => a.approvalId === approvalId);
      if (!approval) return null;
      if (approval.kind !== 'remove-item' && staff.role === 'associate') return null;
      audit('staff.approval', approvalId, { kind: approval.kind, sku: approval.sku, approve });
      return core.queue.decide(approvalId, approve);
    },
    audit,
  };
}
