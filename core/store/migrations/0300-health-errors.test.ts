import { describe, expect, it } from 'vitest';
import { errorsLastDay, recordHealthError } from '../../health/errors';
import { databaseAt, migrateTo } from './test-support';

describe('0300-health-errors', () => {
  it('keeps a week of errors by source and kind, counts the last 24 hours, refuses an unknown source', () => {
    const db = databaseAt(270);
    expect(() => db.prepare('SELECT 1 FROM health_errors').get()).toThrow();
    migrateTo(db, 300);
    const now = new Date('2026-11-20T10:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    recordHealthError(db, 'sync', 'offline', hoursAgo(200)); // older than a week: pruned below
    recordHealthError(db, 'device', 'error', hoursAgo(30));
    recordHealthError(db, 'sync', 'timeout', hoursAgo(2));
    recordHealthError(db, 'host', 'x'.repeat(100), hoursAgo(1));
    expect(errorsLastDay(db, now)).toBe(2);
    const rows = db
      .prepare('SELECT source, length(kind) AS len FROM health_errors ORDER BY at')
      .all();
    expect(rows).toEqual([
      { source: 'device', len: 5 },
      { source: 'sync', len: 7 },
      { source: 'host', len: 40 },
    ]);
    expect(() =>
      db.prepare("INSERT INTO health_errors (at, source, kind) VALUES ('t', 'printer', 'k')").run(),
    ).toThrow(/CHECK/);
  });
});
