/**
 * The kiosk's error tally for its heartbeat: when and where an error happened (sync, device,
 * host) and its kind, never its message. Kept a week; the fleet view reads the last 24 hours.
 */
import type { WritableDB } from '../store/db';

export type HealthSource = 'sync' | 'device' | 'host';

const KEEP_MS = 7 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

export function recordHealthError(
  db: WritableDB,
  source: HealthSource,
  kind: string,
  at: Date,
): void {
  db.transaction(() => {
    db.prepare('INSERT INTO health_errors (at, source, kind) VALUES (?, ?, ?)').run(
      at.toISOString(),
      source,
      kind.slice(0, 40),
    );
    db.prepare('DELETE FROM health_errors WHERE at < ?').run(
      new Date(at.getTime() - KEEP_MS).toISOString(),
    );
  });
}

/** Errors recorded in the 24 hours before `now`. */
export function errorsLastDay(db: WritableDB, now: Date): number {
  const row = db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM health_errors WHERE at >= ?')
    .get(new Date(now.getTime() - DAY_MS).toISOString());
  return row?.n ?? 0;
}
