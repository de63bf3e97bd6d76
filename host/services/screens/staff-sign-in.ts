/**
 * Staff at any screen: a scanned badge waits for its PIN, checked by core/staff (which writes the
 * audit row of every attempt and locks a badge after repeated failures); signing out is audited
 * and closes the member panel, and on the staff screen it also ends a guided session.
 */
import type { SessionView } from '../../../bridge/views';
import type { DataKey } from '../../../core/crypto/data-key';
import { verifyStaffPin } from '../../../core/staff';
import type { WritableDB } from '../../../core/store/db';
import type { Logger } from '../../log';
import type { StaffAudit } from './staff-audit';
import type { Visit } from './visit';

export interface StaffSignInDeps {
  visit: Visit;
  db: WritableDB;
  key: DataKey;
  role: SessionView['role'];
  audit: StaffAudit;
  log: Logger;
  /** Ends the visit and wipes it, as "done" does. */
  endVisit(): void;
  now(): Date;
  changed(): SessionView;
}

export function createStaffSignIn(deps: StaffSignInDeps) {
  const { visit, audit } = deps;
  return {
    /** The badge is the one just scanned, or typed by the staff member. */
    async login(pin: string, typedBadge?: string): Promise<SessionView> {
      const badge = typedBadge ?? visit.state.pendingBadge;
      visit.touch();
      if (!badge) {
        visit.notify('staff-unknown-badge');
        return deps.changed();
      }
      const result = await verifyStaffPin(deps.db, deps.key, badge, pin, deps.now());
      if (result.ok) {
        const { staff, role } = result.value;
        const before = visit.state.staff;
        if (before && before.staffId !== staff.staffId) {
          audit('staff.logout', null, { reason: 'replaced' });
          visit.setMemberPanel(null);
        }
        visit.signInStaff({ staffId: staff.staffId, name: staff.name, role });
        return deps.changed();
      }
      const { code } = result.error;
      deps.log.info({ code }, 'staff sign-in refused');
      if (code === 'locked') {
        visit.setPendingBadge(null);
        visit.notify('staff-locked');
      } else if (code === 'unknown-badge') {
        visit.setPendingBadge(null);
        visit.notify('staff-unknown-badge');
      } else visit.notify('staff-wrong-pin');
      return deps.changed();
    },
    /** A badge scanned: the screen asks for its PIN. */
    badgeScanned(badge: string): void {
      visit.setPendingBadge(badge);
    },
    cancelPin(): SessionView {
      visit.setPendingBadge(null);
      return deps.changed();
    },
    /** Signs out and wipes the member panel; on the staff screen a guided session ends too. */
    logout(): SessionView {
      if (visit.state.staff) audit('staff.logout', null, { reason: 'sign-out' });
      visit.signOutStaff();
      if (deps.role === 'staff' && visit.state.sessionId) deps.endVisit();
      return deps.changed();
    },
  };
}
