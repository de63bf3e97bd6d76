/** The common case of a FileSpec: CSV header = table columns = the schema's keys, in order. */
import type { z } from 'zod';
import { fileSpec, type FileSpec } from './spec';

export function tableSpec<S extends z.ZodObject>(
  file: string,
  table: string,
  schema: S,
  key: readonly string[],
): FileSpec {
  const columns = Object.keys(schema.shape);
  return fileSpec({
    file,
    table,
    header: columns,
    schema,
    columns,
    key,
    toRow: (row) => columns.map((column) => row[column]),
  });
}
