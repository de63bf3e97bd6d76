import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { columnsOf, databaseAt, migrateTo, read } from './test-support';

/** What the engine created ad hoc before this migration existed (sync/schema.ts, removed). */
const legacyAdHocTables = `
  CREATE TABLE IF NOT EXISTS sync_staff_tasks (
    task_id TEXT PRIMARY KEY, kind TEXT NOT NULL, message TEXT NOT NULL, mutation_key TEXT NOT NULL,
    error_code TEXT, compensation TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(compensation)),
    created_at TEXT NOT NULL, resolved_at TEXT) STRICT;
  CREATE TABLE IF NOT EXISTS sync_snapshot_keys (stream TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (stream, key)) STRICT, WITHOUT ROWID;`;

describe('0140-sync-tables', () => {
  it('creates the sync tables on a database at 130', () => {
    const db = databaseAt(130);
    migrateTo(db, 140);
    db.exec(`INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, created_at)
      VALUES ('T1', 'sync-rejection', 'm', 'k', 't')`);
    expect(() =>
      db.exec(`INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, compensation, created_at)
        VALUES ('T2', 'k', 'm', 'k', 'not json', 't')`),
    ).toThrow(/CHECK/);
    db.exec(`INSERT INTO sync_snapshot_keys VALUES ('stock', 'A@S001')`);
    expect(() => db.exec(`INSERT INTO sync_snapshot_keys VALUES ('stock', 'A@S001')`)).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });

  it('keeps the rows of a kiosk whose engine already created the tables ad hoc', () => {
    const db = databaseAt(130);
    db.exec(legacyAdHocTables);
    db.exec(`INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, created_at)
      VALUES ('T1', 'sync-rejection', 'points overdrawn', 'redeem:1', 't')`);
    db.exec(`INSERT INTO sync_snapshot_keys VALUES ('coupons', 'C1')`);
    expect(migrate(db)).toContain(140);
    expect(read(db, 'SELECT task_id, message FROM sync_staff_tasks')).toEqual([
      { task_id: 'T1', message: 'points overdrawn' },
    ]);
    expect(read(db, 'SELECT stream, key FROM sync_snapshot_keys')).toEqual([
      { stream: 'coupons', key: 'C1' },
    ]);
  });

  it('adds member aliases (one permanent id per provisional id) and staff.disabled_at', () => {
    const db = databaseAt(140);
    const add = db.prepare('INSERT INTO member_aliases VALUES (?, ?, ?, ?)');
    add.run('PRV-1', 'M900001', 0, 't');
    expect(() => add.run('PRV-1', 'M900002', 0, 't')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add.run('PRV-2', 'M900002', 2, 't')).toThrow(/CHECK/);
    expect(columnsOf(db, 'staff')).toContain('disabled_at');
  });
});
