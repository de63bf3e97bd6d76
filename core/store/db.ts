/**
 * Opening the kiosk's SQLite file. Read and write handles are different types (CONVENTIONS 8) so a
 * read path cannot write: a ReadableDB exposes only `prepareRead`, and a statement prepared there is
 * checked to be read-only by SQLite itself.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

declare const writable: unique symbol;

export interface ReadableDB {
  readonly file: string;
  /** Prepares a statement that SQLite confirms does not write. */
  prepareRead<P extends unknown[] = unknown[], R = Row>(sql: string): Database.Statement<P, R>;
}

export interface WritableDB extends ReadableDB {
  readonly [writable]: true;
  readonly raw: Database.Database;
  prepare<P extends unknown[] = unknown[], R = Row>(sql: string): Database.Statement<P, R>;
  /** Runs `fn` in one IMMEDIATE transaction: all of it commits, or none of it. */
  transaction<T>(fn: () => T): T;
  exec(sql: string): void;
  close(): void;
}

export class ReadOnlyStatementError extends Error {
  readonly code = 'read-only-violation';
  constructor(sql: string) {
    super(`a read handle cannot run a writing statement: ${sql.slice(0, 60)}`);
  }
}

export function openDatabase(file: string, options: { readonly?: boolean } = {}): WritableDB {
  // Only the kiosk's own user may read the file (SQLite gives -wal/-shm the same mode).
  if (!options.readonly && file !== ':memory:' && !existsSync(file))
    closeSync(openSync(file, 'a', 0o600));
  const raw = new Database(file, { readonly: options.readonly ?? false });
  raw.pragma('journal_mode = WAL');
  // Sales and points must survive a power cut: FULL syncs the WAL on every commit.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // A statement that fires triggers keeps a statement journal; on disk it costs a write system
  // call per page touched (a catalog write with catalog_codes' triggers took 2.3× the CPU time).
  raw.pragma('temp_store = MEMORY');
  // An erased member's data must not linger in free pages of the file.
  raw.pragma('secure_delete = ON');
  const statements = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    file,
    raw,
    prepare: <P extends unknown[], R>(sql: string) =>
      cached(sql) as unknown as Database.Statement<P, R>,
    prepareRead: <P extends unknown[], R>(sql: string) => {
      const statement = cached(sql);
      if (!statement.reader && !/^\s*(pragma|explain)\b/i.test(sql))
        throw new ReadOnlyStatementError(sql);
      return statement as unknown as Database.Statement<P, R>;
    },
    transaction: <T>(fn: () => T): T => raw.transaction(fn).immediate(),
    exec: (sql: string) => void raw.exec(sql),
    close: () => raw.close(),
  } as unknown as WritableDB;
}

/** Narrows a writable handle to a read-only view for code that must not write. */
export function readOnly(db: WritableDB): ReadableDB {
  return { file: db.file, prepareRead: db.prepareRead };
}
