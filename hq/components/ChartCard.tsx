/**
 * A card with a chart and the same numbers as a table (a toggle), and a CSV export of the table.
 * Clicking a bar or a point opens the rows behind it (`pickLink`).
 */
import type { EChartsOption } from 'echarts';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqStore } from '../state/context';
import type { Drill } from '../state/drill';
import { DataTable } from './DataTable';
import { EChart } from './EChart';
import { download, tableCsv, type TableSpec } from './table-spec';

export function ChartCard(props: {
  title: string;
  /** File name of the CSV export, without extension. */
  name: string;
  table: TableSpec;
  chart?: EChartsOption | null;
  chartHeight?: number;
  pickLink?: (seriesIndex: number, dataIndex: number) => Drill | null;
  onStyle?: (styleId: string) => void;
  note?: ReactNode;
  wide?: boolean;
}) {
  const { title, name, table, chart, chartHeight, pickLink, onStyle, note, wide } = props;
  const { t } = useTranslation();
  const store = useHqStore();
  const id = useId();
  const [mode, setMode] = useState<'chart' | 'table'>(chart ? 'chart' : 'table');
  const showChart = mode === 'chart' && chart && table.rows.length > 0;
  return (
    <section className={`card${wide ? ' wide' : ''}`} aria-labelledby={id} data-card={name}>
      <header className="card-head">
        <h2 id={id}>{title}</h2>
        <div className="card-tools" role="group" aria-label={t('card.tools', { title })}>
          {chart ? (
            <>
              <button
                type="button"
                aria-pressed={mode === 'chart'}
                onClick={() => setMode('chart')}
              >
                {t('card.chart')}
              </button>
              <button
                type="button"
                aria-pressed={mode === 'table'}
                onClick={() => setMode('table')}
              >
                {t('card.table')}
              </button>
            </>
          ) : null}
          <button type="button" onClick={() => download(`${name}.csv`, tableCsv(table))}>
            {t('card.csv')}
          </button>
        </div>
      </header>
      {note ? <p className="note">{note}</p> : null}
      {showChart ? (
        <EChart
          option={chart}
          label={t('card.chartOf', { title })}
          height={chartHeight}
          onPick={(s, d) => {
            const link = pickLink?.(s, d);
            if (link) store.getState().openRows(link);
          }}
        />
      ) : (
        <DataTable spec={table} caption={title} onStyle={onStyle} />
      )}
    </section>
  );
}

export function Kpi(props: { label: string; value: string; link?: Drill; hint?: string }) {
  const { label, value, link, hint } = props;
  const store = useHqStore();
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      {link ? (
        <button
          type="button"
          className="kpi-value num-link"
          onClick={() => store.getState().openRows(link)}
        >
          {value}
        </button>
      ) : (
        <span className="kpi-value">{value}</span>
      )}
      {hint ? <span className="kpi-hint">{hint}</span> : null}
    </div>
  );
}
