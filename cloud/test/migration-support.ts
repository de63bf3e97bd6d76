/**
 * The cloud migration tests' helpers (migrate to N−1, insert, migrate to N, assert): a PGlite
 * database migrated to just before a version, and the one step to it.
 */
import { expect } from 'vitest';
import type { Db } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

/** A new PGlite database with every migration before `version` applied. */
export async function cloudDbBefore(version: number): Promise<Db> {
  const db = await createPgliteDb();
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return db;
}

/** Applies the migrations up to `version`, asserting that exactly one (that one) ran. */
export async function migrateTo(db: Db, version: number): Promise<void> {
  expect(
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    ),
  ).toBe(1);
}

/**
 * A database migrated to `version`, with store S001 and its mirror `dev_1` added just before the
 * step (for the tables that reference a store and a device).
 */
export async function cloudDbWithMirror(version: number): Promise<Db> {
  const db = await cloudDbBefore(version);
  await db.exec(`INSERT INTO stores VALUES ('S001', 'a', 'a', 'Shanghai', 'Asia/Shanghai');
    INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('dev_1', 'S001', 'mirror', now());`);
  await migrateTo(db, version);
  return db;
}
