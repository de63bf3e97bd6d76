/**
 * Staff at any screen: badge (scanned) + PIN through core/staff (lockout after repeated failures),
 * the request queue and approvals, the member panel, guided sessions on the staff screen, price
 * overrides and voids at a checkout (staff-checkout), and an audited "sync now".
 *
 * Guarantee: every staff action leaves an audit row naming the staff member — sign-in success,
 * refusal and lockout (written by core/staff), sign-out (also by idle or "done"), request updates,
 * approvals, overrides, voids, member views and look-ups that found nobody, guided sessions and
 * sync now.
 */
import { recordAudit } from '../../../core/audit/audit';
import type { DataKey } from '../../../core/crypto/data-key';
import { identifyMember, type IdentifyInput, type MemberView } from '../../../core/members';
import { verifyStaffPin } from '../../../core/staff';
import { readOnly } from '../../../core/store/db';
import type { SessionView, StaffRequestView } from '../../../bridge/views';
import type { Logger } from '../../log';
import type { ScreenCore } from './screen-service';
import { createStaffCheckout } from './staff-checkout';
import { deskView, emptyDesk, waitingApprovals } from './staff-desk';
import { memberPanel } from './staff-member';
import { resolveSyncTask } from '../../../core/staff';
import { openSyncTasks } from './staff-tasks';

export interface StaffActionDeps {
  key: DataKey;
  log: Logger;
  tierName(tier: string): { zh: string; en: string };
  /** Puts an identified member on the visit (the guided session's customer). */
  attach(member: MemberView, notice: 'member-signed-in'): void;
  /** Ends the visit and wipes it, as "done" does. */
  endVisit(): void;
}

export function createStaffActions(core: ScreenCore, deps: StaffActionDeps) {
  const { db, config } = core.options;
  const desk = core.desk;

  function audit(action: string, subject: string | null, detail: object): void {
    const actor = core.visit.staff?.staffId ?? 'unknown';
    recordAudit(db, { at: core.now(), actor, action, subject, detail });
  }

  const checkout = createStaffCheckout(core, { desk, audit, endVisit: deps.endVisit });
  const begin = () => {
    core.visit.lastActivityMs = core.now().getTime();
    core.visit.notice = null;
  };

  /** Ends the guided session (the visit) but keeps the staff member signed in. */
  function endGuided(): void {
    const staff = core.visit.staff;
    core.visit.staff = null; // not a sign-out: the visit-end hook must not log one
    deps.endVisit();
    core.visit.staff = staff;
  }

  /** Opens the member panel (and, in a guided session, puts the member on it). */
  function openMember(input: IdentifyInput): void {
    if (!core.visit.staff) {
      core.notify('invalid');
      return;
    }
    const result = identifyMember(readOnly(db), deps.key, input);
    if (!result.ok) {
      // A look-up that finds nobody is audited too (never the number typed): probing is visible.
      audit('staff.member.not-found', null, { kind: input.kind });
      core.notify('member-not-found');
      return;
    }
    const panel = memberPanel(
      {
        db: readOnly(db),
        key: deps.key,
        catalog: core.options.catalog,
        tierName: deps.tierName,
        now: core.now(),
        dailyCap: core.screen.offlinePointsDailyCap,
        online: core.options.connectivity?.() === 'online',
      },
      result.member,
    );
    if (!panel) {
      core.notify('member-not-found');
      return;
    }
    desk.memberPanel = panel;
    audit('staff.member.view', panel.memberId, { profileShown: panel.profile !== null });
    if (config.role === 'staff' && core.visit.sessionId && !core.visit.member)
      deps.attach(result.member, 'member-signed-in');
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
      // core/staff writes the audit row of every attempt: success, refusal, lockout.
      const result = await verifyStaffPin(db, deps.key, badge, pin, core.now());
      if (result.ok) {
        if (core.visit.staff && core.visit.staff.staffId !== result.staff.staffId) {
          audit('staff.logout', null, { reason: 'replaced' });
          desk.memberPanel = null;
        }
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
    /** Signs out and wipes the member panel; on the staff screen a guided session ends too. */
    logout() {
      if (core.visit.staff) audit('staff.logout', null, { reason: 'sign-out' });
      core.visit.staff = null;
      desk.memberPanel = null;
      if (config.role === 'staff' && core.visit.sessionId) deps.endVisit();
      return core.changed();
    },
    /** Whether a staff member is signed in at this screen (the bridge's staff-only methods). */
    signedIn: () => core.visit.staff !== null,
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
      const override = desk.pending.get(approvalId);
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
      const decided = core.queue.decide(approvalId, approve);
      if (decided) {
        checkout.settle(approvalId, approve);
        core.changed();
      }
      return decided;
    },
    /** A member card or QR token scanned on the staff screen (the caller pushes the view). */
    memberScanned: openMember,
    /** A member card or QR token typed on a signed-in staff screen. */
    member(input: IdentifyInput): SessionView {
      begin();
      openMember(input);
      return core.changed();
    },
    closeMember(): SessionView {
      begin();
      desk.memberPanel = null;
      return core.changed();
    },
    guidedStart(): SessionView {
      begin();
      if (config.role === 'staff' && core.visit.staff && !core.visit.sessionId) {
        core.ensureSession();
        audit('staff.guided.start', core.visit.sessionId, {});
      }
      return core.changed();
    },
    guidedEnd(): SessionView {
      begin();
      if (config.role === 'staff' && core.visit.staff && core.visit.sessionId) {
        audit('staff.guided.end', core.visit.sessionId, { cards: core.visit.cards.length });
        endGuided();
      }
      return core.changed();
    },
    overridePrice: checkout.overridePrice,
    voidBasket: checkout.voidBasket,
    /** Runs "sync now" for a signed-in staff member, audited with its outcome; null otherwise. */
    async syncNow<T extends { ok: boolean; pushed: number; pulledRows: number }>(
      run: () => Promise<T>,
    ): Promise<T | null> {
      if (!core.visit.staff) return null;
      begin();
      const staffId = core.visit.staff.staffId;
      const result = await run();
      recordAudit(db, {
        at: core.now(),
        actor: staffId,
        action: 'staff.sync-now',
        subject: null,
        detail: { ok: result.ok, pushed: result.pushed, pulledRows: result.pulledRows },
      });
      return result;
    },
    /** Open tasks from sync rejections, for a signed-in staff member; null otherwise. */
    syncTasks() {
      return core.visit.staff ? openSyncTasks(readOnly(db)) : null;
    },
    /** "Done" on a sync task: resolved and audited once; answers the tasks still open. */
    resolveSyncTask(taskId: string) {
      if (!core.visit.staff) return null;
      begin();
      const task = openSyncTasks(readOnly(db)).find((t) => t.taskId === taskId);
      if (task && resolveSyncTask(db, taskId, core.now()))
        audit('staff.sync-task.resolve', taskId, { kind: task.kind, errorCode: task.errorCode });
      return openSyncTasks(readOnly(db));
    },
    /** The staff-only part of the view, while someone is signed in. */
    deskView: () => (core.visit.staff ? deskView(desk) : undefined),
    /**
     * Called as a visit ends (idle, "done", void): withdraws approvals it was waiting on, wipes
     * the desk, and logs the sign-out of a staff member still signed in.
     */
    visitEnded(reason: 'ended' | 'idle'): void {
      core.queue.withdraw(waitingApprovals(desk));
      if (core.visit.staff) audit('staff.logout', null, { reason });
      Object.assign(desk, emptyDesk());
    },
    audit,
  };
}
