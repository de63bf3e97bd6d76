import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../db';
import {
  assertOrdered,
  currentVersion,
  DatabaseFromFutureError,
  migrate,
  migrations,
} from './index';
import { databaseAt, read } from './test-support';

describe('migration runner', () => {
  it('migrates a new database to the latest version and records it in user_version', () => {
    const db = databaseAt(0);
    const applied = migrate(db);
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(currentVersion(db)).toBe(migrations.at(-1)?.version);
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a database from the future', () => {
    const db = databaseAt(0);
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
    const db = databaseAt(0);
    migrate(db);
    const before = currentVersion(db);
    const broken = {
      version: before + 10,
      name: 'broken',
      up: (d: WritableDB) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table'),
    };
    expect(() => migrate(db, undefined, [...migrations, broken])).toThrow();
    expect(currentVersion(db)).toBe(before);
    expect(read(db, "SELECT name FROM sqlite_master WHERE name = 'half'")).toEqual([]);
  });

  it('creates the database file readable by its owner only, with secure delete', () => {
    const db = databaseAt(0);
    expect(statSync(db.file).mode & 0o777).toBe(0o600);
    expect(db.raw.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('runs with WAL, foreign keys and synchronous=FULL', () => {
    const db = databaseAt(0);
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
  });
});
