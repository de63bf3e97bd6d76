import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import {
  assertOrdered,
  currentVersion,
  DatabaseFromFutureError,
  migrate,
  migrations,
} from './index';

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

describe('migration runner', () => {
  it('migrates a new database to the latest version and records it in user_version', () => {
    const applied = migrate(db);
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(currentVersion(db)).toBe(migrations.at(-1)?.version);
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a database from the future', () => {
    migrate(db);
    db.raw.pragma('user_version = 9990');
    expect(() => migrate(db)).toThrow(DatabaseFromFutureError);
  });

  it('refuses a migration list that does not increase', () => {
    expect(() =>
      assertOrdered([
        { version: 20, name: 'b', up: () => undefined },
        { version: 10, name: 'a', up: () => undefined },
      ]),
    ).toThrow(/not after/);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    migrate(db);
    const before = currentVersion(db);
    const broken = {
      version: before + 10,
      name: 'broken',
      up: (d: WritableDB) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table'),
    };
    expect(() => migrate(db, undefined, [...migrations, broken])).toThrow();
    expect(currentVersion(db)).toBe(before);
    expect(
      db.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(),
    ).toBeUndefined();
  });

  it('runs with WAL, foreign keys and synchronous=FULL', () => {
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('0010-catalog', () => {
  it('creates the catalog tables with a unique 14-digit gtin and an index for style look-ups', () => {
    migrate(db, 10);
    db.exec(`INSERT INTO products VALUES ('S1','裙','Dress','dress','F','','SS26',100,'full')`);
    const insert = db.prepare('INSERT INTO variants VALUES (?,?,?,?,?,?,?,?)');
    insert.run('S1-A', 'S1', '06970001000016', 'WHT', '白', 'White', 'M', 100);
    expect(() =>
      insert.run('S1-B', 'S1', '06970001000016', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/UNIQUE/);
    expect(() => insert.run('S1-C', 'S1', '123', 'WHT', '白', 'White', 'L', 100)).toThrow(/CHECK/);
    expect(() =>
      insert.run('S1-D', 'NOPE', '06970001000023', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/FOREIGN KEY/);
    const plan = db.raw
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM variants WHERE style_id = 'S1'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/variants_style/);
  });
});
