import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import { currentVersion, migrate } from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

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
    migrate(db, 130);
    expect(migrate(db, 140)).toEqual([140]);
    expect(currentVersion(db)).toBe(140);
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
    migrate(db, 130);
    db.exec(legacyAdHocTables);
    db.exec(`INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, created_at)
      VALUES ('T1', 'sync-rejection', 'points overdrawn', 'redeem:1', 't')`);
    db.exec(`INSERT INTO sync_snapshot_keys VALUES ('coupons', 'C1')`);
    expect(migrate(db)).toContain(140);
    expect(db.raw.prepare('SELECT task_id, message FROM sync_staff_tasks').all()).toEqual([
      { task_id: 'T1', message: 'points overdrawn' },
    ]);
    expect(db.raw.prepare('SELECT stream, key FROM sync_snapshot_keys').all()).toEqual([
      { stream: 'coupons', key: 'C1' },
    ]);
  });

  it('adds member aliases (one permanent id per provisional id) and staff.disabled_at', () => {
    migrate(db, 140);
    const add = db.prepare('INSERT INTO member_aliases VALUES (?, ?, ?, ?)');
    add.run('PRV-1', 'M900001', 0, 't');
    expect(() => add.run('PRV-1', 'M900002', 0, 't')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add.run('PRV-2', 'M900002', 2, 't')).toThrow(/CHECK/);
    const columns = db.raw.prepare('PRAGMA table_info(staff)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain('disabled_at');
  });
});
