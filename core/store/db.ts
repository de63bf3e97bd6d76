/**
 * Opening the kiosk's SQLite file. Read and write handles are different types (CONVENTIONS 8) so a
 * read path cannot write: a ReadableDB exposes only `prepareRead`, and a statement prepared there is
 * checked to be read-only by SQLite itself.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

/** Only a handle `openDatabase` made carries it: a ReadableDB cannot pass for a WritableDB. */
const writable: unique symbol = Symbol('writable');

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
  // One statement per SQL text, whatever row type each caller declares for it: the cache holds
  // them untyped and hands each caller its own view (the only way a heterogeneous cache types).
  const cached = <P extends unknown[], R>(sql: string): Database.Statement<P, R> => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      statements.set(sql, statement);
    }
    // eslint-disable-next-line local/no-dangerous-type-assertions -- see the cache's comment
    return statement as unknown as Database.Statement<P, R>;
  };
  const db: WritableDB = {
    [writable]: true,
    file,
    raw,
    prepare: cached,
    prepareRead: <P extends unknown[], R>(sql: string) => {
      const statement = cached<P, R>(sql);
      if (!statement.reader && !/^\s*(pragma|explain)\b/i.test(sql))
        throw new ReadOnlyStatementError(sql);
      return statement;
    },
    transaction: <T>(fn: () => T): T => raw.transaction(fn).immediate(),
    exec: (sql: string) => void raw.exec(sql),
    close: () => raw.close(),
  };
  return db;
}

/** Narrows a writable handle to a read-only view for code that must not write. */
export function readOnly(db: WritableDB): ReadableDB {
  return { file: db.file, prepareRead: db.prepareRead };
}
