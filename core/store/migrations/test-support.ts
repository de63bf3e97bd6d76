/**
 * The migration tests' helpers (CONVENTIONS 7: migrate to N−1, insert, migrate to N, assert):
 * a database created at a version and closed when the test ends, a one-step migration that checks
 * it ran exactly that migration, inserts by column name, reads and query plans.
 */
import { expect, onTestFinished } from 'vitest';
import { openTestDb } from '../../../test/support/db';
import type { WritableDB } from '../db';
import { currentVersion, migrate } from './index';

type SqlValue = string | number | bigint | Buffer | null;

/** A new database migrated to `version` (0: empty), closed and removed when the test finishes. */
export function databaseAt(version: number): WritableDB {
  const db = openTestDb({ version });
  onTestFinished(() => db.close());
  return db;
}

/** Migrates from the version before to `version`, asserting that exactly that one migration ran. */
export function migrateTo(db: WritableDB, version: number): void {
  expect(migrate(db, version)).toEqual([version]);
  expect(currentVersion(db)).toBe(version);
}

/** Inserts one row by column name; throws what SQLite throws (CHECK, UNIQUE, FOREIGN KEY …). */
export function insert(db: WritableDB, table: string, row: Record<string, SqlValue>): void {
  const columns = Object.keys(row);
  db.raw
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    .run(...Object.values(row));
}

/** An inserter for one table with the columns a test does not vary filled in. */
export function inserter(
  db: WritableDB,
  table: string,
  defaults: Record<string, SqlValue>,
): (row: Record<string, SqlValue>) => void {
  return (row) => insert(db, table, { ...defaults, ...row });
}

/** Every row a query answers. */
export function read(db: WritableDB, sql: string, ...params: SqlValue[]): unknown[] {
  return db.raw.prepare(sql).all(...params);
}

/** The column names of a table. */
export function columnsOf(db: WritableDB, table: string): string[] {
  return db.raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table).map(String);
}

/** SQLite's query plan for `sql`, its steps joined by " | " (to assert that an index is used). */
export function queryPlan(db: WritableDB, sql: string): string {
  return db.raw
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((step) =>
      typeof step === 'object' && step && 'detail' in step ? String(step.detail) : '',
    )
    .join(' | ');
}

/** A store (S001) and a style (S1): what the later tables' rows refer to. */
export function seedStoreAndStyle(db: WritableDB): void {
  insert(db, 'stores', {
    location_id: 'S001',
    name_zh: '店',
    name_en: 'Store',
    city: 'Shanghai',
    timezone: 'Asia/Shanghai',
  });
  insert(db, 'products', {
    style_id: 'S1',
    name_zh: '裙',
    name_en: 'Dress',
    category: 'dress',
    gender: 'F',
    style_tags: '',
    season: 'SS26',
    list_price_cents: 100,
    outfit_slot: 'full',
  });
}

/**
 * A database at `version − 10` with an outbox counter, migrated one step to `version`; asserts the
 * counter survived (a new table must never touch what is waiting to sync).
 */
export function migratedKeepingOutbox(version: number): WritableDB {
  const db = databaseAt(version - 10);
  insert(db, 'outbox_counters', { device_id: 'D1', epoch: 1, last_seq: 7 });
  migrateTo(db, version);
  expect(read(db, 'SELECT last_seq FROM outbox_counters')).toEqual([{ last_seq: 7 }]);
  return db;
}
