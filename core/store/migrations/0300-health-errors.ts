import type { Migration } from './types';

/**
 * Errors this kiosk met (a sync run that failed, a device in error, a host handler that threw),
 * by time, source and kind only: the HQ fleet view shows how many in the last 24 hours, across
 * restarts. Rows older than a week are pruned as new ones arrive (core/health/errors.ts).
 */
export const migration0300: Migration = {
  version: 300,
  name: 'health-errors',
  up(db) {
    db.exec(`
      CREATE TABLE health_errors (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('sync', 'device', 'host')),
        kind TEXT NOT NULL
      );
      CREATE INDEX health_errors_at ON health_errors (at);
    `);
  },
};
