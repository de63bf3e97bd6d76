/** The audit row of a staff action, naming the staff member signed in at this screen. */
import { recordAudit } from '../../../core/audit/audit';
import type { WritableDB } from '../../../core/store/db';
import type { Visit } from './visit';

export type StaffAudit = (action: string, subject: string | null, detail: object) => void;

export function createStaffAudit(deps: { db: WritableDB; visit: Visit; now(): Date }): StaffAudit {
  return (action, subject, detail) =>
    recordAudit(deps.db, {
      at: deps.now(),
      actor: deps.visit.state.staff?.staffId ?? 'unknown',
      action,
      subject,
      detail,
    });
}
