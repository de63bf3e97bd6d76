/** How one CSV file maps to one table: its columns, the row schema, and the upsert key. */
import type { z } from 'zod';
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';

/** What `toRow` may know beyond the row itself. */
export interface RowContext {
  /** 1-based position of this row among the rows of this file with the same `group` so far. */
  ordinal(group: string): number;
}

/** What `prepare` gets: the open transaction and the data key, for rows that hold secrets. */
export interface PrepareContext {
  db: WritableDB;
  /** The kiosk's data key; always present for a spec with `needsKey`. */
  key: DataKey | undefined;
  file: string;
  line: number;
}

/** A row `prepare` refuses: reported with file and line like a schema problem. */
export interface PrepareProblem {
  problem: string;
  field?: string;
}

/**
 * A row read from the CSV: its table values in `columns` order, or each of the schema's issues
 * (the importer reports every one with its file, line and field, so this is not a Result).
 */
export type ReadRow =
  | { kind: 'row'; values: unknown[] }
  | { kind: 'invalid'; issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> };

/** What every file spec declares, whatever its row type. */
interface SpecBase {
  /** Path relative to the store folder, e.g. `variants.csv`. */
  file: string;
  table: string;
  /** Header names the file must have, in any order. */
  header: readonly string[];
  /** Table columns, in the order `toRow` returns values. */
  columns: readonly string[];
  key: readonly string[];
  /** Files missing from the folder are an error unless optional. */
  optional?: boolean;
  /** The import refuses to run this spec without a data key. */
  needsKey?: boolean;
  /**
   * Runs inside the import transaction just before the upsert, e.g. to encrypt or hash values.
   * Must be deterministic in the `compare` columns so a second import changes nothing.
   */
  prepare?(row: unknown[], ctx: PrepareContext): unknown[] | PrepareProblem;
  /**
   * Value columns whose difference makes an existing row be rewritten (default: all of them).
   * Randomised columns (ciphertexts) are left out and covered by a deterministic column instead.
   */
  compare?: readonly string[];
  /** SQL condition on the existing row that must hold for it to be updated (e.g. not erased). */
  updateWhere?: string;
}

/** A spec as written: the row schema and how a parsed row becomes the table's values. */
export interface TypedFileSpec<S extends z.ZodType<Record<string, unknown>>> extends SpecBase {
  schema: S;
  toRow(row: z.output<S>, ctx: RowContext): unknown[];
}

/** A spec as the importer runs it: the schema and `toRow` joined, so any row type fits one list. */
export interface FileSpec extends SpecBase {
  readRow(record: Record<string, string | undefined>, ctx: RowContext): ReadRow;
}

/** Joins a spec's schema and `toRow` (each spec keeps its own row type; the list does not care). */
export function fileSpec<S extends z.ZodType<Record<string, unknown>>>(
  typed: TypedFileSpec<S>,
): FileSpec {
  const { schema, toRow, ...base } = typed;
  return {
    ...base,
    readRow(record, ctx) {
      const parsed = schema.safeParse(record);
      return parsed.success
        ? { kind: 'row', values: toRow(parsed.data, ctx) }
        : { kind: 'invalid', issues: parsed.error.issues };
    },
  };
}
