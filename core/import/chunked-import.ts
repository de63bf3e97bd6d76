/**
 * A large store folder imported in chunks that survive an interruption, with the import's
 * promise kept: a bad row anywhere imports nothing.
 *
 * 1. Check: every file read and every row checked against its spec (read-folder.ts).
 * 2. Rehearse (when there is more than one chunk): the whole import applied in one transaction
 *    that is then rolled back, so every
 *    rule that only the database can judge (a variant of an unknown style, a GTIN another SKU
 *    has, an image of a colour the catalog lacks) is checked exactly as the one-transaction
 *    import checks it. Any problem: nothing was changed, every problem is reported.
 * 3. Apply: the same rows in the same order, `chunkRows` per transaction, each recording its
 *    progress in import_progress (keyed by the folder's fingerprint) in that same transaction.
 *
 * Interrupted (a signal between chunks, or a kill anywhere): the store holds whole chunks only.
 * Run again on the same folder, it skips the rehearsal and the chunks already applied; a changed
 * folder starts over. Applying a prefix of the rehearsed sequence cannot break a rule the whole
 * sequence kept, so a chunk can only meet a problem when the store itself changed in between
 * (then that chunk rolls back and ImportError says how many rows stay applied).
 */
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';
import {
  beginImportRun,
  finishImportRun,
  markRehearsed,
  recordChunk,
  type ImportRun,
} from './import-progress';
import {
  applyRows,
  checkKeyNeeds,
  ImportError,
  reportsOf,
  type FileReport,
  type RowProblem,
} from './importer';
import { readFolder, type ParsedFile } from './read-folder';
import type { FileSpec } from './spec';

export type ImportPhase = 'check' | 'rehearse' | 'apply';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
  /** Rows an earlier run applied (apply phase only). */
  resumedFrom: number;
}

export interface ChunkedImportOptions {
  key?: DataKey;
  /** Rows per committed chunk (default 50,000). */
  chunkRows?: number;
  /** Checked between chunks: the run stops with ImportInterrupted, the chunks so far kept. */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Mixed into the folder's fingerprint (e.g. the hashes of the images it names). */
  fingerprintExtra?: string;
  now?: () => Date;
}

export class ImportInterrupted extends Error {
  readonly code = 'import-interrupted';
  constructor(
    readonly rowsApplied: number,
    readonly totalRows: number,
  ) {
    super(
      `import interrupted after ${rowsApplied} of ${totalRows} rows; run it again on the same folder to continue`,
    );
  }
}

export interface ChunkedImportReport {
  reports: FileReport[];
  run: ImportRun;
  /** Rows applied by earlier, interrupted runs. */
  resumedFrom: number;
}

const DEFAULT_CHUNK = 50_000;

/** Lets a pending signal handler run between chunks (better-sqlite3 calls are synchronous). */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunks(from: number, total: number, size: number): Array<{ from: number; to: number }> {
  const out = [];
  for (let at = from; at < total; at += size)
    out.push({ from: at, to: Math.min(at + size, total) });
  return out;
}

/** Every row applied in a transaction that is rolled back; throws ImportError on any problem. */
async function rehearse(
  db: WritableDB,
  files: readonly ParsedFile[],
  totalRows: number,
  options: ChunkedImportOptions & { chunkRows: number },
): Promise<void> {
  const problems: RowProblem[] = [];
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const range of chunks(0, totalRows, options.chunkRows)) {
      applyRows(db, files, range, options.key, { problems, changed: {} });
      options.onProgress?.({ phase: 'rehearse', done: range.to, total: totalRows, resumedFrom: 0 });
      await yieldToEvents();
      if (options.signal?.aborted) throw new ImportInterrupted(0, totalRows);
    }
  } finally {
    db.exec('ROLLBACK');
  }
  if (problems.length > 0) throw new ImportError(problems);
}

export async function importStoreFolderChunked(
  db: WritableDB,
  dir: string,
  specs: readonly FileSpec[],
  options: ChunkedImportOptions = {},
): Promise<ChunkedImportReport> {
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK;
  const now = options.now ?? (() => new Date());
  checkKeyNeeds(specs, options);
  const folder = readFolder(dir, specs, {
    fingerprintExtra: options.fingerprintExtra,
    onCheck: (done, total) => options.onProgress?.({ phase: 'check', done, total, resumedFrom: 0 }),
  });
  if (folder.problems.length > 0) throw new ImportError(folder.problems);
  const { files, totalRows } = folder;
  const run = beginImportRun(db, folder.fingerprint, totalRows, now());
  const resumedFrom = run.rowsApplied;
  // Rows that fit in one chunk commit all or nothing by themselves: no rehearsal needed.
  if (!run.rehearsed && totalRows - run.rowsApplied > chunkRows) {
    await rehearse(db, files, totalRows, { ...options, chunkRows });
    markRehearsed(db, run.folderHash);
    run.rehearsed = true;
  }
  const progress = (done: number) =>
    options.onProgress?.({ phase: 'apply', done, total: totalRows, resumedFrom });
  progress(run.rowsApplied);
  for (const range of chunks(run.rowsApplied, totalRows, chunkRows)) {
    if (options.signal?.aborted) throw new ImportInterrupted(run.rowsApplied, totalRows);
    const problems: RowProblem[] = [];
    const changed = { ...run.changed };
    db.transaction(() => {
      applyRows(db, files, range, options.key, { problems, changed });
      if (problems.length > 0) throw new ImportError(problems, run.rowsApplied);
      recordChunk(db, {
        ...run,
        rowsApplied: range.to,
        chunksApplied: run.chunksApplied + 1,
        changed,
      });
    });
    run.rowsApplied = range.to;
    run.chunksApplied++;
    run.changed = changed;
    progress(run.rowsApplied);
    await yieldToEvents();
  }
  finishImportRun(db, run.folderHash, now());
  return { reports: reportsOf(files, run.changed), run, resumedFrom };
}
