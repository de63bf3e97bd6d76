/**
 * The one way a test opens a kiosk database: a real SQLite file in a folder of its own, migrated
 * (to the latest version, or to the one a migration test names), optionally with a store folder
 * imported. `close()` closes the file and removes the folder.
 */
import { join } from 'node:path';
import { DataKey } from '../../core/crypto/data-key';
import { importStoreFolder } from '../../core/import/importer';
import type { FileSpec } from '../../core/import/spec';
import { allStoreFiles } from '../../core/import/store-files';
import { importStore } from '../../core/import/store-import';
import { createMediaCache, type MediaCache } from '../../core/media/media-cache';
import { openDatabase, type WritableDB } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { demoStore, tempDir } from './temp';

export interface TestDb extends WritableDB {
  /** The temporary folder that holds the file (and anything else the test puts there). */
  readonly dir: string;
  /** The key the store folder was imported with (a fresh one when nothing was imported). */
  readonly key: DataKey;
  /** Closes this handle and opens the same file again, as a restarted kiosk would. */
  reopen(): TestDb;
  /** Closes the database and removes its folder. */
  close(): void;
}

export interface TestDbOptions {
  /** Migrate to this version: default the latest; 0 leaves the file empty. */
  version?: number;
  /** Import a store folder (default the demo store) with these file specs after migrating. */
  seed?: { files: readonly FileSpec[]; folder?: string };
  /** The data key for import and for the test (default a fresh one). */
  key?: DataKey;
  /** A folder to put the file in (kept on close); default a new temporary one. */
  dir?: string;
}

function wrap(db: WritableDB, dir: string, key: DataKey, remove: () => void): TestDb {
  const test: TestDb = {
    ...db,
    dir,
    key,
    reopen() {
      db.close();
      return wrap(openDatabase(db.file), dir, key, remove);
    },
    close() {
      db.close();
      remove();
    },
  };
  return test;
}

export function openTestDb(options: TestDbOptions = {}): TestDb {
  const temp = options.dir ? null : tempDir();
  const dir = options.dir ?? temp?.path ?? '';
  const key = options.key ?? DataKey.generate();
  const db = openDatabase(join(dir, 'kiosk.db'));
  if (options.version !== 0) migrate(db, options.version);
  if (options.seed)
    importStoreFolder(db, options.seed.folder ?? demoStore, options.seed.files, { key });
  return wrap(db, dir, key, () => temp?.remove());
}

/** The whole demo store (catalog, members, staff, history) in a migrated database. */
export function openDemoDb(key?: DataKey): TestDb {
  return openTestDb({ seed: { files: allStoreFiles }, key });
}

/**
 * The demo store imported with its images (`importStore`, as `kiosk import` does) into a migrated
 * database, the media cache in the database's folder. Closing the database removes both.
 */
export async function openDemoDbWithImages(
  key: DataKey = DataKey.generate(),
): Promise<{ db: TestDb; media: MediaCache }> {
  const db = openTestDb({ key });
  const media = createMediaCache({
    db,
    dir: join(db.dir, 'media'),
    limitBytes: 1 << 30,
    storeId: 'S001',
  });
  await importStore(db, demoStore, { key, media });
  return { db, media };
}

/** The single number a `SELECT count(*) …` (or any one-value query) answers. */
export function count(db: WritableDB, sql: string, ...params: unknown[]): number {
  return Number(
    db.raw
      .prepare(sql)
      .pluck()
      .get(...params),
  );
}

/** Rows of a query, for asserting on what a test wrote (tests read `raw`, the app never does). */
export function rows(db: WritableDB, sql: string, ...params: unknown[]): unknown[] {
  return db.raw.prepare(sql).all(...params);
}
