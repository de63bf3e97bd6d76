/**
 * Retention: anonymous sessions (with their try-ons) and photos never sent are deleted once old
 * enough. Run on a schedule by the host; safe to run at any time and any number of times.
 */
import type { WritableDB } from '../store/db';

export interface RetentionPolicy {
  anonymousSessionDays: number;
  unsentPhotoHours: number;
}

export interface PurgeReport {
  sessions: number;
  tryons: number;
  photos: number;
}

export function purgeRetention(db: WritableDB, now: Date, policy: RetentionPolicy): PurgeReport {
  const sessionCutoff = new Date(
    now.getTime() - policy.anonymousSessionDays * 86_400_000,
  ).toISOString();
  const photoCutoff = new Date(now.getTime() - policy.unsentPhotoHours * 3_600_000).toISOString();
  return db.transaction(() => {
    const photos = db
      // A photo the member asked to send waits for its upload, however old.
      .prepare(
        'DELETE FROM photos WHERE sent_at IS NULL AND send_requested_at IS NULL AND created_at < ?',
      )
      .run(photoCutoff).changes;
    const old = `SELECT session_id FROM sessions WHERE member_id IS NULL
      AND coalesce(ended_at, last_activity_at) < ?`;
    const tryons =
      db
        .prepare<[string], { n: number }>(
          `SELECT count(*) AS n FROM tryons WHERE session_id IN (${old})`,
        )
        .get(sessionCutoff)?.n ?? 0;
    // Try-ons go with their session (ON DELETE CASCADE); sales keep their rows, unlinked.
    const sessions = db
      .prepare(`DELETE FROM sessions WHERE session_id IN (${old})`)
      .run(sessionCutoff).changes;
    return { sessions, tryons, photos };
  });
}
