/**
 * The audit log: one append-only row per thing a person did that the store must be able to answer
 * for — staff sign-ins and their refusals, approvals, overrides, voids, member views, erasures.
 * The one place a row is written. `detail` is JSON and never carries a personal value.
 */
import type { WritableDB } from '../store/db';

export interface AuditEntry {
  at: Date;
  /** The staff id, or 'cli' / 'unknown' when no staff member is named. */
  actor: string;
  action: string;
  subject: string | null;
  detail: object;
}

export function recordAudit(db: WritableDB, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    entry.at.toISOString(),
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.detail),
  );
}
