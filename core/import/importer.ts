/**
 * Imports a store folder of CSV files in one transaction: every row of every file is validated
 * first, and if any is bad nothing is written and every bad row is reported with file and line.
 * Rows are upserted only when they differ, so importing the same folder twice changes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';
import { CsvSyntaxError, parseCsv } from './csv';
import type { FileSpec, PrepareProblem, RowContext } from './spec';
import { decodeImportText, refusedLine, type TextEncoding } from './text-encoding';

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
  constructor(readonly problems: RowProblem[]) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `  ${p.file}:${p.line}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    super(
      `import refused, nothing was changed (${problems.length} problem(s)):\n${shown.join('\n')}${more}`,
    );
  }
}

interface ParsedFile {
  spec: FileSpec;
  rows: unknown[][];
  lines: number[];
  encoding: TextEncoding;
}

function readFile(dir: string, spec: FileSpec, problems: RowProblem[]): ParsedFile | null {
  const path = join(dir, spec.file);
  if (!existsSync(path)) {
    if (!spec.optional)
      problems.push({ file: spec.file, line: 0, field: null, message: 'file is missing' });
    return null;
  }
  const decoded = decodeImportText(readFileSync(path));
  if (!decoded.ok) {
    const { message } = decoded.error;
    problems.push({ file: spec.file, line: refusedLine(decoded.error), field: null, message });
    return null;
  }
  let records;
  try {
    records = parseCsv(decoded.value.text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push({ file: spec.file, line: error.line, field: null, message: error.message });
    return null;
  }
  const [header, ...body] = records;
  const names = header?.fields.map((name) => name.trim()) ?? [];
  const missing = spec.header.filter((column) => !names.includes(column));
  if (!header || missing.length > 0) {
    problems.push({
      file: spec.file,
      line: 1,
      field: null,
      message: `header lacks column(s): ${missing.join(', ')}`,
    });
    return null;
  }
  const rows: unknown[][] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  const ordinals = new Map<string, number>();
  const context: RowContext = {
    ordinal(group) {
      const next = (ordinals.get(group) ?? 0) + 1;
      ordinals.set(group, next);
      return next;
    },
  };
  for (const record of body) {
    if (record.fields.length !== names.length) {
      problems.push({
        file: spec.file,
        line: record.line,
        field: null,
        message: `has ${record.fields.length} fields, the header has ${names.length}`,
      });
      continue;
    }
    const object = Object.fromEntries(names.map((name, i) => [name, record.fields[i]]));
    const parsed = spec.readRow(object, context);
    if (parsed.kind === 'invalid') {
      for (const issue of parsed.issues) {
        problems.push({
          file: spec.file,
          line: record.line,
          field: issue.path.join('.') || null,
          message: issue.message,
        });
      }
      continue;
    }
    const row = parsed.values;
    const key = spec.key.map((column) => String(row[spec.columns.indexOf(column)])).join('\u0000');
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problems.push({
        file: spec.file,
        line: record.line,
        field: spec.key.join('+'),
        message: `duplicates line ${firstLine}`,
      });
      continue;
    }
    seen.set(key, record.line);
    rows.push(row);
    lines.push(record.line);
  }
  return { spec, rows, lines, encoding: decoded.value.encoding };
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

export function importStoreFolder(
  db: WritableDB,
  dir: string,
  specs: readonly FileSpec[],
  options: ImportOptions = {},
): FileReport[] {
  const problems: RowProblem[] = [];
  for (const spec of specs) {
    if (spec.needsKey && !options.key)
      problems.push({ file: spec.file, line: 0, field: null, message: 'needs the data key' });
  }
  if (problems.length > 0) throw new ImportError(problems);
  const { key } = options;
  const parsed = specs.map((spec) => readFile(dir, spec, problems));
  if (problems.length > 0) throw new ImportError(problems);
  // A row that passes its own schema can still break a cross-file rule (a variant of an unknown
  // style): it is reported like any other bad row, and the thrown error rolls everything back.
  return db.transaction(() => {
    const reports = parsed.flatMap((file) => {
      if (!file) return [];
      const statement = db.prepare(upsertSql(file.spec));
      let changed = 0;
      const { prepare } = file.spec;
      file.rows.forEach((raw, index) => {
        const line = file.lines[index] ?? 0;
        let row = raw;
        if (prepare) {
          const prepared = prepare(raw, { db, key, file: file.spec.file, line });
          if (isProblem(prepared)) {
            problems.push({
              file: file.spec.file,
              line,
              field: prepared.field ?? null,
              message: prepared.problem,
            });
            return;
          }
          row = prepared;
        }
        try {
          changed += statement.run(...row).changes;
        } catch (error) {
          if (!isConstraintError(error)) throw error;
          problems.push({
            file: file.spec.file,
            line,
            field: null,
            message: error.message,
          });
        }
      });
      return [{ file: file.spec.file, rows: file.rows.length, changed, encoding: file.encoding }];
    });
    if (problems.length > 0) throw new ImportError(problems);
    return reports;
  });
}
