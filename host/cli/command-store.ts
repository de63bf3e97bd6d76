/** What the read-only look-up commands (`kiosk lookup`, `kiosk recommend`) start from. */
import { join } from 'node:path';
import { openDatabase, type WritableDB } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { ConfigError, defaultDataDir, readConfigFile } from '../config';
import type { CliIO } from './io';

/**
 * The store a command speaks for: `--store`, else the configured kiosk's store, else S001. An
 * unreadable config is said on stderr and answered with its exit code.
 */
export function commandStoreId(
  given: string | undefined,
  io: CliIO,
): { storeId: string } | { exitCode: number } {
  try {
    return {
      storeId:
        given ?? (io.env.KIOSK_CONFIG ? readConfigFile(io.env.KIOSK_CONFIG).storeId : 'S001'),
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return { exitCode: error.exitCode };
  }
}

/** The kiosk's database in its data directory, migrated to the latest version. */
export function openMigratedKioskDb(io: CliIO): WritableDB {
  const db = openDatabase(join(io.env.KIOSK_DATA_DIR || defaultDataDir(io.env), 'kiosk.db'));
  try {
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Runs `body` on the migrated kiosk database for the command's store and closes the database
 * after; a config that cannot be read ends the command with its exit code instead.
 */
export function withStoreDb(
  given: string | undefined,
  io: CliIO,
  body: (db: WritableDB, storeId: string) => number,
): number {
  const store = commandStoreId(given, io);
  if ('exitCode' in store) return store.exitCode;
  const db = openMigratedKioskDb(io);
  try {
    return body(db, store.storeId);
  } finally {
    db.close();
  }
}
