/**
 * Reading a store folder for import: every file decoded, parsed and each row checked against its
 * spec (schema, field count, duplicate keys), nothing written. Also the folder's fingerprint (a
 * hash of the files' bytes) that a chunked import keys its progress by.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv';
import type { RowProblem } from './importer';
import type { FileSpec, RowContext } from './spec';
import { decodeImportText, refusedLine, type TextEncoding } from './text-encoding';

export interface ParsedFile {
  spec: FileSpec;
  rows: unknown[][];
  lines: number[];
  encoding: TextEncoding;
}

export interface ReadFolder {
  files: ParsedFile[];
  problems: RowProblem[];
  /** sha256 of every file's name and bytes, in spec order. */
  fingerprint: string;
  totalRows: number;
}

/** Records checked so far (all files) and records known so far (the files parsed yet). */
export type CheckProgress = (checked: number, known: number) => void;

const REPORT_EVERY = 5_000;

function readFile(
  dir: string,
  spec: FileSpec,
  problems: RowProblem[],
  hash: ReturnType<typeof createHash>,
  count: { checked: number; known: number; onCheck?: CheckProgress },
): ParsedFile | null {
  const path = join(dir, spec.file);
  if (!existsSync(path)) {
    if (!spec.optional)
      problems.push({ file: spec.file, line: 0, field: null, message: 'file is missing' });
    return null;
  }
  const bytes = readFileSync(path);
  hash.update(`${spec.file}\u0000${bytes.length}\u0000`).update(bytes);
  const decoded = decodeImportText(bytes);
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
  count.known += body.length;
  for (const record of body) {
    if (++count.checked % REPORT_EVERY === 0) count.onCheck?.(count.checked, count.known);
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

/** Reads and checks every file of the folder; nothing is written. */
export function readFolder(
  dir: string,
  specs: readonly FileSpec[],
  options: { fingerprintExtra?: string; onCheck?: CheckProgress } = {},
): ReadFolder {
  const problems: RowProblem[] = [];
  const hash = createHash('sha256');
  const count = { checked: 0, known: 0, onCheck: options.onCheck };
  const files = specs.flatMap((spec) => readFile(dir, spec, problems, hash, count) ?? []);
  if (options.fingerprintExtra) hash.update(`\u0000${options.fingerprintExtra}`);
  options.onCheck?.(count.checked, count.known);
  return {
    files,
    problems,
    fingerprint: hash.digest('hex'),
    totalRows: files.reduce((sum, file) => sum + file.rows.length, 0),
  };
}
