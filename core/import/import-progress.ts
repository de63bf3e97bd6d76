/**
 * The record of a chunked `kiosk import` (table import_progress): one row per store folder,
 * keyed by the hash of its files. `recordChunk` runs inside the chunk's own transaction, so the
 * record never claims a row that did not commit, and never misses one that did.
 */
import { z } from 'zod';
import type { WritableDB } from '../store/db';

export interface ImportRun {
  folderHash: string;
  totalRows: number;
  /** The whole import was checked in a rolled-back transaction (importer.ts `rehearse`). */
  rehearsed: boolean;
  /** Rows applied by earlier chunks, in the import's order (file after file). */
  rowsApplied: number;
  /** Chunks committed for this folder, over every run (a resumed run adds only the rest). */
  chunksApplied: number;
  /** Rows changed per file so far. */
  changed: Record<string, number>;
}

const changedSchema = z.record(z.string(), z.number().int().nonnegative());

interface StoredRun {
  folder_hash: string;
  total_rows: number;
  rehearsed: number;
  rows_applied: number;
  chunks_applied: number;
  changed_json: string;
  finished_at: string | null;
}

function parseChanged(json: string): Record<string, number> {
  const parsed = changedSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

/**
 * The run for this folder: the unfinished one where an earlier run stopped, or a fresh one. The
 * record of any other folder is dropped: a different folder starts over.
 */
export function beginImportRun(
  db: WritableDB,
  folderHash: string,
  totalRows: number,
  now: Date,
): ImportRun {
  return db.transaction(() => {
    db.prepare('DELETE FROM import_progress WHERE folder_hash <> ?').run(folderHash);
    const stored = db
      .prepare<[string], StoredRun>('SELECT * FROM import_progress WHERE folder_hash = ?')
      .get(folderHash);
    if (stored && stored.finished_at === null && stored.total_rows === totalRows)
      return {
        folderHash,
        totalRows,
        rehearsed: stored.rehearsed === 1,
        rowsApplied: stored.rows_applied,
        chunksApplied: stored.chunks_applied,
        changed: parseChanged(stored.changed_json),
      };
    db.prepare(
      `INSERT INTO import_progress (folder_hash, total_rows, started_at) VALUES (?, ?, ?)
       ON CONFLICT (folder_hash) DO UPDATE SET total_rows = excluded.total_rows, rehearsed = 0,
         rows_applied = 0, chunks_applied = 0, changed_json = '{}',
         started_at = excluded.started_at, finished_at = NULL`,
    ).run(folderHash, totalRows, now.toISOString());
    return {
      folderHash,
      totalRows,
      rehearsed: false,
      rowsApplied: 0,
      chunksApplied: 0,
      changed: {},
    };
  });
}

export function markRehearsed(db: WritableDB, folderHash: string): void {
  db.prepare('UPDATE import_progress SET rehearsed = 1 WHERE folder_hash = ?').run(folderHash);
}

/** Call inside the chunk's transaction. */
export function recordChunk(db: WritableDB, run: ImportRun): void {
  db.prepare(
    `UPDATE import_progress SET rows_applied = ?, chunks_applied = ?, changed_json = ?
     WHERE folder_hash = ?`,
  ).run(run.rowsApplied, run.chunksApplied, JSON.stringify(run.changed), run.folderHash);
}

export function finishImportRun(db: WritableDB, folderHash: string, now: Date): void {
  db.prepare('UPDATE import_progress SET finished_at = ? WHERE folder_hash = ?').run(
    now.toISOString(),
    folderHash,
  );
}

/** The last run's record (tests and `kiosk import` messages). */
export function lastImportRun(db: WritableDB): (ImportRun & { finished: boolean }) | null {
  const stored = db
    .prepare<[], StoredRun>('SELECT * FROM import_progress ORDER BY started_at DESC LIMIT 1')
    .get();
  if (!stored) return null;
  return {
    folderHash: stored.folder_hash,
    totalRows: stored.total_rows,
    rehearsed: stored.rehearsed === 1,
    rowsApplied: stored.rows_applied,
    chunksApplied: stored.chunks_applied,
    changed: parseChanged(stored.changed_json),
    finished: stored.finished_at !== null,
  };
}
