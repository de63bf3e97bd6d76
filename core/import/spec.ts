/** How one CSV file maps to one table: its columns, the row schema, and the upsert key. */
import type { z } from 'zod';

export interface FileSpec<
  S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
> {
  /** Path relative to the store folder, e.g. `variants.csv`. */
  file: string;
  table: string;
  /** Header names the file must have, in any order. */
  header: readonly string[];
  schema: S;
  /** Table columns, in the order `toRow` returns values. */
  columns: readonly string[];
  key: readonly string[];
  toRow(row: z.output<S>): unknown[];
  /** Files missing from the folder are an error unless optional. */
  optional?: boolean;
}
