/**
 * A ratio, an average or a sum in the drawer: each side's rows with what of them counts and its
 * total (every matching row, counted by the server in the same scope as the view), the value
 * recomputed from those totals, and the rows of the side picked below.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowsResponse } from '../../cloud/hq-api';
import { api } from '../api/client';
import { formatValue } from '../format';
import { useHq } from '../state/context';
import { figureValue, type Figure, type FigurePart } from '../state/drill';
import { numberKind, RowsList, useParamsText } from './RowsList';

/** A side's total as it enters the figure (negated parts already negative). */
type Total = { value: number; kind: 'int' | 'money2' | 'seconds' };
type Totals = Total[] | 'loading' | { error: string };

/** A side's total: how many rows, or the sum of its measure column. */
function totalOf(part: FigurePart, answer: RowsResponse): Total {
  const sign = part.negate ? -1 : 1;
  const rows = answer.aggregate?.rows ?? 0;
  if (part.measure === 'rows') return { value: sign * rows, kind: 'int' };
  const column = answer.columns.find((c) => c.key === part.measure);
  return {
    value: sign * (answer.aggregate?.sum ?? 0),
    kind: column ? numberKind(column.type) : 'int',
  };
}

export function FigureView(props: { figure: Figure }) {
  const { figure } = props;
  const { t } = useTranslation();
  const filters = useHq((s) => s.filters);
  const language = useHq((s) => s.language);
  const paramsText = useParamsText();
  const parts = [...figure.numerator, ...figure.denominator];
  const [totals, setTotals] = useState<Totals>('loading');
  const [picked, setPicked] = useState(0);

  useEffect(() => {
    if (!filters) return;
    let gone = false;
    const sides = [...figure.numerator, ...figure.denominator];
    void Promise.all(sides.map((p) => api.rows(p.link, filters, 0, 1, p.measure))).then((rs) => {
      if (gone) return;
      const failed = rs.find((r) => !r.ok);
      if (failed && !failed.ok) return setTotals({ error: failed.error.code });
      setTotals(rs.flatMap((r, i) => (r.ok && sides[i] ? [totalOf(sides[i], r.value)] : [])));
    });
    return () => {
      gone = true;
    };
  }, [figure, filters]);

  if (totals === 'loading') return <p aria-live="polite">{t('common.loading')}</p>;
  if (!Array.isArray(totals))
    return <p role="alert">{t(`errors.${totals.error}`, { defaultValue: totals.error })}</p>;
  const above = totals.slice(0, figure.numerator.length);
  const below = totals.slice(figure.numerator.length);
  const value = figureValue(
    above.map((x) => x.value),
    below.map((x) => x.value),
    figure.factor,
  );
  const side = (list: Total[]) => list.reduce((a, x) => a + x.value, 0);
  const sideText = (list: Total[]) => formatValue(side(list), list[0]?.kind ?? 'int', language);
  const pickedPart = parts[picked];
  return (
    <>
      <p className="note">{t(`figures.how.${figure.figure}`)}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('figures.sides')}>
        <table className="figure-sides">
          <caption className="sr-only">{t('figures.sides')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.side')}</th>
              <th scope="col">{t('figures.rowsOf')}</th>
              <th scope="col">{t('figures.counts')}</th>
              <th scope="col" className="num">
                {t('figures.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {parts.map((p, i) => (
              <tr key={i} data-figure-part={i < figure.numerator.length ? 'above' : 'below'}>
                <th scope="row">
                  {t(i < figure.numerator.length ? 'figures.numerator' : 'figures.denominator')}
                </th>
                <td>
                  <button
                    type="button"
                    className="num-link"
                    aria-pressed={picked === i}
                    onClick={() => setPicked(i)}
                  >
                    {t(`rows.kinds.${p.link.kind}`)}
                  </button>{' '}
                  <span className="muted">{paramsText(p.link)}</span>
                </td>
                <td>
                  {p.measure === 'rows'
                    ? t('figures.rowCount')
                    : t('figures.sumOf', {
                        column: t(`rows.columns.${p.measure}`, { defaultValue: p.measure }),
                      })}
                </td>
                <td className="num" data-part-total={totals[i]?.value}>
                  {formatValue(totals[i]?.value ?? null, totals[i]?.kind ?? 'int', language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p
        className="figure-result"
        data-figure-numerator={side(above)}
        data-figure-denominator={below.length > 0 ? side(below) : undefined}
        data-figure-factor={figure.factor}
        data-figure-value={value ?? ''}
      >
        {below.length > 0 ? `${sideText(above)} ÷ ${sideText(below)}` : sideText(above)}
        {figure.factor !== 1
          ? ` × ${formatValue(figure.factor, 'dec', language)} ${t(`figures.factor.${figure.figure}`, { defaultValue: '' })}`
          : ''}
        {' = '}
        <strong className="figure-value">{formatValue(value, figure.format, language)}</strong>
      </p>
      {pickedPart ? (
        <section aria-label={t(`rows.kinds.${pickedPart.link.kind}`)}>
          <h3>{t(`rows.kinds.${pickedPart.link.kind}`)}</h3>
          <RowsList key={picked} link={pickedPart.link} />
        </section>
      ) : null}
    </>
  );
}
