/**
 * Look-ups in one turn of the event loop share one read snapshot.
 *
 * In WAL mode every statement outside a transaction opens and closes a read transaction: a lock on
 * a read mark of the -shm file and a file size check, three system calls that cost more than the
 * B-tree search of a scan's look-up itself. A burst of look-ups (a basket of RFID tags, the
 * garments of a recommendation list, a benchmark) pays that once here: reads go to a second,
 * read-only connection whose read transaction stays open until the current turn of the event loop
 * ends.
 *
 * Guarantees: a read never sees older data than a read on the writing connection would, within
 * this process. While that connection has a transaction open, reads go to it (they see its
 * uncommitted rows, as before); when it changed anything since the snapshot began
 * (`total_changes()`), the snapshot is renewed before the next read. Commits of other processes
 * show from the next turn on. The snapshot never outlives the turn, so it never holds back a
 * checkpoint for long.
 */
import Database from 'better-sqlite3';
import { ReadOnlyStatementError, type ReadableDB, type WritableDB } from './db';

export interface SharedReads {
  /** The handle a read should use now: the shared snapshot, or the writer inside its transaction. */
  current(): ReadableDB;
  close(): void;
}

/** Pages of the file mapped into memory for the snapshot connection (no copy into a page cache). */
const MMAP_BYTES = 512 * 1024 * 1024;

function readHandle(raw: Database.Database, file: string): ReadableDB {
  const statements = new Map<string, Database.Statement>();
  return {
    file,
    prepareRead: <P extends unknown[], R>(sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        if (!statement.reader) throw new ReadOnlyStatementError(sql);
        statements.set(sql, statement);
      }
      // the heterogeneous statement cache types itself as core/store/db.ts's does
      // eslint-disable-next-line local/no-dangerous-type-assertions -- see db.ts's cache
      return statement as unknown as Database.Statement<P, R>;
    },
  };
}

/** Shared snapshots beside `writer`; null for an in-memory database (nothing to share). */
export function openSharedReads(writer: WritableDB): SharedReads | null {
  if (writer.file === ':memory:' || writer.file === '') return null;
  const raw = new Database(writer.file, { readonly: true, fileMustExist: true });
  raw.pragma(`mmap_size = ${MMAP_BYTES}`);
  const snapshot = readHandle(raw, writer.file);
  const begin = raw.prepare('BEGIN');
  const end = raw.prepare('COMMIT');
  const changes = writer.raw.prepare<[], number>('SELECT total_changes()').pluck();
  let open = false;
  let changesAtBegin = -1;
  let release: NodeJS.Immediate | null = null;

  const finish = () => {
    if (release) clearImmediate(release);
    release = null;
    if (open && raw.inTransaction) end.run();
    open = false;
  };
  return {
    current() {
      if (writer.raw.inTransaction) return writer;
      const seen = changes.get() ?? 0;
      if (open && seen !== changesAtBegin) finish();
      if (!open) {
        begin.run();
        open = true;
        changesAtBegin = seen;
        release = setImmediate(finish);
        release.unref();
      }
      return snapshot;
    },
    close() {
      finish();
      raw.close();
    },
  };
}
