/** A table of a TableSpec: numbers that count rows are buttons opening those rows. */
import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { useHq, useHqStore } from '../state/context';
import { StyleName } from './StyleName';
import type { Cell, Column, TableSpec } from './table-spec';

const numeric = (c: Column) =>
  c.kind !== 'text' && c.kind !== 'style' && c.kind !== 'store' && c.kind !== 'badge';

export function DataTable(props: {
  spec: TableSpec;
  caption: string;
  onStyle?: (styleId: string) => void;
}) {
  const { spec, caption, onStyle } = props;
  const { t } = useTranslation();
  if (spec.rows.length === 0) return <p className="empty">{t('common.noData')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.key} scope="col" className={numeric(c) ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r) => (
            <tr key={r.key} className={r.tone === 'warn' ? 'warn' : undefined}>
              {spec.columns.map((c) => (
                <td key={c.key} className={numeric(c) ? 'num' : undefined}>
                  <CellView column={c} cell={r.cells[c.key]} onStyle={onStyle} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellView(props: {
  column: Column;
  cell: Cell | undefined;
  onStyle?: (styleId: string) => void;
}) {
  const { column, cell, onStyle } = props;
  const language = useHq((s) => s.language);
  const store = useHqStore();
  if (!cell || cell.value === null) return <span className="muted">—</span>;
  if (column.kind === 'style') return <StyleName styleId={String(cell.value)} onPick={onStyle} />;
  if (column.kind === 'badge')
    return <span className={`badge ${cell.tone ?? ''}`}>{cell.text ?? String(cell.value)}</span>;
  const text =
    column.kind === 'store'
      ? (cell.text ?? String(cell.value))
      : formatValue(cell.value, column.kind, language);
  const { link } = cell;
  if (!link) return <>{text}</>;
  return (
    <button type="button" className="num-link" onClick={() => store.getState().openRows(link)}>
      {text}
    </button>
  );
}
