/**
 * A visit's beginning and end: the session row is opened on the first thing worth keeping, and
 * the visit ends on "done", a void, or when nothing happened for `idleSeconds` — a garment's tag
 * still in the reader's field counts as someone there. Ending closes the session (core/sessions),
 * deletes the photos nobody asked to send, withdraws approvals nobody decided, logs out a staff
 * member still signed in (audited), says `session.expired`, and wipes the visit. A garment keeps a
 * shopper's visit, never a staff sign-in: a staff member nobody has seen for `idleSeconds` is
 * signed out (audited) though a garment is still in the field.
 */
import type { EventSink } from '../../../bridge/server';
import type { SessionView } from '../../../bridge/views';
import { deleteUnsentPhotos, expireIdle, startSession } from '../../../core/sessions';
import { touch as touchSession } from '../../../core/sessions/sessions';
import type { WritableDB } from '../../../core/store/db';
import type { StaffAudit } from './staff-audit';
import { waitingApprovals } from './staff-desk';
import type { StaffQueue } from './staff-queue';
import type { Visit } from './visit';

export interface VisitLifecycleDeps {
  db: WritableDB;
  visit: Visit;
  role: SessionView['role'];
  storeId: string;
  idleSeconds: number;
  queue: StaffQueue;
  audit: StaffAudit;
  emit: EventSink;
  changed(): SessionView;
  now(): Date;
}

export function createVisitLifecycle(deps: VisitLifecycleDeps) {
  const { db, visit, queue } = deps;
  const tagsInField = new Set<string>();
  const kind =
    deps.role === 'checkout' ? 'checkout' : deps.role === 'mirror' ? 'mirror' : 'assisted';

  /** Ends the visit; `keepStaff` keeps the staff member signed in (a guided session ended). */
  function end(reason: 'ended' | 'idle', options: { keepStaff?: boolean } = {}): SessionView {
    const v = visit.state;
    if (v.sessionId) {
      touchSession(db, v.sessionId, new Date(v.lastActivityMs));
      // An explicit end counts as idle-from-now; expireIdle ends this and any session left open.
      expireIdle(db, deps.now(), reason === 'idle' ? deps.idleSeconds * 1000 : 0);
      deps.emit('session.expired', { sessionId: v.sessionId, reason });
      deleteUnsentPhotos(db, v.sessionId);
    }
    queue.withdraw(new Set(v.removals.keys()));
    queue.withdraw(waitingApprovals(v.desk));
    if (v.staff && !options.keepStaff) deps.audit('staff.logout', null, { reason });
    visit.reset(options);
    return deps.changed();
  }

  return {
    /** The session of this visit, opened now when there is none yet. */
    ensureSession(): string {
      const open = visit.state.sessionId;
      if (open) return open;
      const { sessionId } = startSession(db, { kind, storeId: deps.storeId, now: deps.now() });
      visit.startSession(sessionId);
      return sessionId;
    },
    end,
    /** Ends the visit when nothing happened for idleSeconds (run by the service's timer). */
    checkIdle(): void {
      if (!visit.holdsAnything()) return;
      const idleMs = deps.idleSeconds * 1000;
      const nowMs = deps.now().getTime();
      if (tagsInField.size > 0 && visit.state.staff && nowMs - visit.state.lastPersonMs >= idleMs) {
        // On the staff screen the visit is the staff member's own: it ends with them.
        if (deps.role === 'staff') {
          end('idle');
          return;
        }
        deps.audit('staff.logout', null, { reason: 'idle' });
        visit.signOutStaff();
        deps.changed();
      }
      if (tagsInField.size > 0) visit.touchForTag();
      if (nowMs - visit.state.lastActivityMs >= idleMs) end('idle');
    },
    tagEntered(epc: string): void {
      tagsInField.add(epc);
      visit.touchForTag();
    },
    tagLeft(epc: string): void {
      tagsInField.delete(epc);
      visit.touchForTag();
    },
  };
}
export type VisitLifecycle = ReturnType<typeof createVisitLifecycle>;
