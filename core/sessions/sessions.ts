/**
 * Customer sessions at a screen: mirror, checkout or staff-assisted. A session is anonymous until
 * a member identifies; it ends explicitly or after being idle. Writes return typed refusals for a
 * missing or ended session instead of throwing.
 */
import { fail, ok, type Result } from '../../common/result';
import { randomUUID } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../store/db';

export const SESSION_KINDS = ['mirror', 'checkout', 'assisted'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export interface Session {
  sessionId: string;
  kind: SessionKind;
  storeId: string;
  memberId: string | null;
  staffId: string | null;
  startedAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  endReason: 'ended' | 'idle' | null;
}

export type SessionRefusal = 'unknown-session' | 'session-ended' | 'unknown-member';
export type SessionResult<T> = Result<T, SessionRefusal>;

interface SessionRow {
  session_id: string;
  kind: SessionKind;
  store_id: string;
  member_id: string | null;
  staff_id: string | null;
  started_at: string;
  last_activity_at: string;
  ended_at: string | null;
  end_reason: 'ended' | 'idle' | null;
}

const toSession = (r: SessionRow): Session => ({
  sessionId: r.session_id,
  kind: r.kind,
  storeId: r.store_id,
  memberId: r.member_id,
  staffId: r.staff_id,
  startedAt: r.started_at,
  lastActivityAt: r.last_activity_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});

export function getSession(db: ReadableDB, sessionId: string): Session | null {
  const row = db
    .prepareRead<[string], SessionRow>('SELECT * FROM sessions WHERE session_id = ?')
    .get(sessionId);
  return row ? toSession(row) : null;
}

/** The open session, or a refusal; for use inside a write transaction. */
export function openSession(db: WritableDB, sessionId: string): SessionResult<Session> {
  const session = getSession(db, sessionId);
  if (!session) return fail('unknown-session', `no session ${sessionId}`);
  if (session.endedAt) return fail('session-ended', `session ${sessionId} has ended`);
  return ok(session);
}

export function touch(db: WritableDB, sessionId: string, now: Date): void {
  db.prepare('UPDATE sessions SET last_activity_at = ? WHERE session_id = ?').run(
    now.toISOString(),
    sessionId,
  );
}

export interface StartSessionInput {
  kind: SessionKind;
  storeId: string;
  now: Date;
  /** The staff member running an assisted session. */
  staffId?: string | null;
}

/** Starts an anonymous session. */
export function startSession(db: WritableDB, input: StartSessionInput): Session {
  const at = input.now.toISOString();
  const sessionId = randomUUID();
  db.prepare(
    `INSERT INTO sessions (session_id, kind, store_id, member_id, staff_id, started_at, last_activity_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?)`,
  ).run(sessionId, input.kind, input.storeId, input.staffId ?? null, at, at);
  return {
    sessionId,
    kind: input.kind,
    storeId: input.storeId,
    memberId: null,
    staffId: input.staffId ?? null,
    startedAt: at,
    lastActivityAt: at,
    endedAt: null,
    endReason: null,
  };
}

/** Attaches an identified (not erased) member to an open session. */
export function identify(
  db: WritableDB,
  sessionId: string,
  memberId: string,
  now: Date,
): SessionResult<Session> {
  return db.transaction((): SessionResult<Session> => {
    const open = openSession(db, sessionId);
    if (!open.ok) return open;
    const member = db
      .prepare<[string], { n: number }>(
        'SELECT 1 AS n FROM members WHERE member_id = ? AND erased_at IS NULL',
      )
      .get(memberId);
    if (!member) return fail('unknown-member', `no member ${memberId}`);
    db.prepare('UPDATE sessions SET member_id = ?, last_activity_at = ? WHERE session_id = ?').run(
      memberId,
      now.toISOString(),
      sessionId,
    );
    return ok({ ...open.value, memberId, lastActivityAt: now.toISOString() });
  });
}

export function endSession(db: WritableDB, sessionId: string, now: Date): SessionResult<Session> {
  return db.transaction((): SessionResult<Session> => {
    const open = openSession(db, sessionId);
    if (!open.ok) return open;
    const at = now.toISOString();
    db.prepare(
      "UPDATE sessions SET ended_at = ?, end_reason = 'ended', last_activity_at = ? WHERE session_id = ?",
    ).run(at, at, sessionId);
    return {
      ok: true,
      value: { ...open.value, endedAt: at, endReason: 'ended', lastActivityAt: at },
    };
  });
}

/** Ends every open session idle for `idleMs` or more; returns their ids (for `session.expired`). */
export function expireIdle(db: WritableDB, now: Date, idleMs: number): string[] {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - idleMs).toISOString();
  return db.transaction(() =>
    db
      .prepare<[{ at: string; cutoff: string }], { session_id: string }>(
        `UPDATE sessions SET ended_at = @at, end_reason = 'idle'
         WHERE ended_at IS NULL AND last_activity_at <= @cutoff RETURNING session_id`,
      )
      .all({ at, cutoff })
      .map((row) => row.session_id),
  );
}
