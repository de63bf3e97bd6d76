/**
 * A table as data: the form every chart card can show instead of its chart, export as CSV, and
 * whose numbers open the rows they count.
 */
import { toCsv, yuan, type CsvValue } from '../../cloud/hq-api';
import type { ValueKind } from '../format';
import type { Drill } from '../state/drill';

export type ColumnKind = ValueKind | 'style' | 'store' | 'badge';

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface Cell {
  value: number | string | null;
  /** The rows this number counts (or, for a ratio, average or sum, is computed from). */
  link?: Drill;
  /** For `badge` columns: how it reads (warn stands out). */
  tone?: 'warn' | 'ok' | 'muted';
  /** Shown instead of `value` (e.g. a translated badge or store name); the CSV keeps `value`. */
  text?: string;
}

export interface Row {
  key: string;
  cells: Record<string, Cell>;
  tone?: 'warn';
}

export interface TableSpec {
  columns: Column[];
  rows: Row[];
}

/** The table as CSV: the labels as shown, money in yuan, shares as fractions. */
export function tableCsv(spec: TableSpec): string {
  const rows = spec.rows.map((r) =>
    spec.columns.map((c): CsvValue => {
      const cell = r.cells[c.key];
      const v = cell?.value ?? null;
      if (typeof v === 'number' && (c.kind === 'money' || c.kind === 'money2')) return yuan(v);
      return c.kind === 'badge' || c.kind === 'store' ? (cell?.text ?? v) : v;
    }),
  );
  return toCsv(
    spec.columns.map((c) => c.label),
    rows,
  );
}

/** Starts a download of `text` as `name` (a Blob URL: allowed by the console's CSP). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
