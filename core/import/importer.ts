/**
 * Imports a store folder of CSV files in one transaction: every row of every file is validated
 * first, and if any is bad nothing is written and every bad row is reported with file and line.
 * Rows are upserted only when they differ, so importing the same folder twice changes nothing.
 */
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';
import { readFolder, type ParsedFile } from './read-folder';
import type { FileSpec, PrepareProblem } from './spec';
import type { TextEncoding } from './text-encoding';

export interface ImportOptions {
  /** Needed by specs that encrypt or hash (members, staff). */
  key?: DataKey;
}

export interface RowProblem {
  file: string;
  line: number;
  field: string | null;
  message: string;
}

export interface FileReport {
  file: string;
  rows: number;
  changed: number;
  /** How the file's bytes were read (text-encoding.ts). */
  encoding: TextEncoding;
}

export class ImportError extends Error {
  readonly code = 'import-invalid';
  /**
   * `appliedRows` > 0 only when a chunked import met a problem its rehearsal did not (the store
   * changed in between): the chunks before it stay applied and the message says so.
   */
  constructor(
    readonly problems: RowProblem[],
    readonly appliedRows = 0,
  ) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `  ${p.file}:${p.line}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    const outcome =
      appliedRows > 0
        ? `import stopped, the first ${appliedRows} rows stay applied`
        : 'import refused, nothing was changed';
    super(`${outcome} (${problems.length} problem(s)):\n${shown.join('\n')}${more}`);
  }
}

function upsertSql(spec: FileSpec): string {
  const cols = spec.columns.join(', ');
  const params = spec.columns.map(() => '?').join(', ');
  const valueColumns = spec.columns.filter((column) => !spec.key.includes(column));
  const insert = `INSERT INTO ${spec.table} (${cols}) VALUES (${params})
    ON CONFLICT (${spec.key.join(', ')})`;
  if (valueColumns.length === 0) return `${insert} DO NOTHING`;
  const set = valueColumns.map((column) => `${column} = excluded.${column}`).join(', ');
  const differs = (spec.compare ?? valueColumns)
    .map((column) => `${column} IS NOT excluded.${column}`)
    .join(' OR ');
  const guard = spec.updateWhere ? ` AND (${spec.updateWhere})` : '';
  return `${insert} DO UPDATE SET ${set} WHERE (${differs})${guard}`;
}

function isConstraintError(error: unknown): error is Error {
  return (
    error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')
  );
}

function isProblem(value: unknown[] | PrepareProblem): value is PrepareProblem {
  return !Array.isArray(value);
}

/** Where each file's rows start in the import's one sequence of rows (file after file). */
function offsets(files: readonly ParsedFile[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const file of files) {
    starts.push(at);
    at += file.rows.length;
  }
  return starts;
}

/**
 * Applies rows `from` to `to` of the import's sequence (call inside a transaction). Each problem
 * is pushed to `problems` and the row skipped; rows changed are added to `changed` per file.
 */
export function applyRows(
  db: WritableDB,
  files: readonly ParsedFile[],
  range: { from: number; to: number },
  key: DataKey | undefined,
  out: { problems: RowProblem[]; changed: Record<string, number> },
): void {
  const starts = offsets(files);
  files.forEach((file, f) => {
    const start = starts[f] ?? 0;
    const first = Math.max(range.from - start, 0);
    const last = Math.min(range.to - start, file.rows.length);
    if (first >= last) return;
    const { spec } = file;
    const statement = db.prepare(upsertSql(spec));
    let changed = 0;
    for (let index = first; index < last; index++) {
      const line = file.lines[index] ?? 0;
      let row = file.rows[index] ?? [];
      if (spec.prepare) {
        const prepared = spec.prepare(row, { db, key, file: spec.file, line });
        if (isProblem(prepared)) {
          const field = prepared.field ?? null;
          out.problems.push({ file: spec.file, line, field, message: prepared.problem });
          continue;
        }
        row = prepared;
      }
      try {
        changed += statement.run(...row).changes;
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        out.problems.push({ file: spec.file, line, field: null, message: error.message });
      }
    }
    out.changed[spec.file] = (out.changed[spec.file] ?? 0) + changed;
  });
}

export function reportsOf(
  files: readonly ParsedFile[],
  changed: Record<string, number>,
): FileReport[] {
  return files.map((file) => ({
    file: file.spec.file,
    rows: file.rows.length,
    changed: changed[file.spec.file] ?? 0,
    encoding: file.encoding,
  }));
}

/** Specs that need the data key when none is given: refused before anything is read. */
export function checkKeyNeeds(specs: readonly FileSpec[], options: ImportOptions): void {
  const problems = specs.flatMap((spec) =>
    spec.needsKey && !options.key
      ? [{ file: spec.file, line: 0, field: null, message: 'needs the data key' }]
      : [],
  );
  if (problems.length > 0) throw new ImportError(problems);
}

/** The whole import in one transaction (small folders, the demo seed, tests). */
export function importStoreFolder(
  db: WritableDB,
  dir: string,
  specs: readonly FileSpec[],
  options: ImportOptions = {},
): FileReport[] {
  checkKeyNeeds(specs, options);
  const { files, problems, totalRows } = readFolder(dir, specs);
  if (problems.length > 0) throw new ImportError(problems);
  // A row that passes its own schema can still break a cross-file rule (a variant of an unknown
  // style): it is reported like any other bad row, and the thrown error rolls everything back.
  return db.transaction(() => {
    const changed: Record<string, number> = {};
    applyRows(db, files, { from: 0, to: totalRows }, options.key, { problems, changed });
    if (problems.length > 0) throw new ImportError(problems);
    return reportsOf(files, changed);
  });
}
