/** One link's rows in the drawer: their total, a page of them, a pager and their CSV. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowsLink, RowsResponse } from '../../cloud/hq-api';
import { api, rowsCsvUrl } from '../api/client';
import { formatInstant, formatValue } from '../format';
import { useHq } from '../state/context';

const PAGE = 50;

/** What narrows a link's rows, as the drawer says it ("Store: S001 · Stage: bought"). */
export function useParamsText() {
  const { t } = useTranslation();
  return (link: RowsLink) =>
    Object.entries(link.params)
      .map(([k, v]) => `${t(`rows.params.${k}`, { defaultValue: k })}: ${v}`)
      .join(' · ');
}

/** One link's rows: their total, a page of them, the pager and the CSV of all of them. */
export function RowsList(props: { link: RowsLink }) {
  const { link } = props;
  const { t } = useTranslation();
  const filters = useHq((s) => s.filters);
  const language = useHq((s) => s.language);
  const paramsText = useParamsText();
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<RowsResponse | 'loading' | { error: string }>('loading');

  useEffect(() => {
    if (!filters) return;
    let gone = false;
    setAnswer('loading');
    void api.rows(link, filters, offset, PAGE).then((r) => {
      if (!gone) setAnswer(r.ok ? r.value : { error: r.error.code });
    });
    return () => {
      gone = true;
    };
  }, [link, filters, offset]);

  const params = paramsText(link);
  return (
    <>
      {params ? <p className="note">{params}</p> : null}
      {answer === 'loading' ? (
        <p aria-live="polite">{t('common.loading')}</p>
      ) : 'error' in answer ? (
        <p role="alert">{t(`errors.${answer.error}`, { defaultValue: answer.error })}</p>
      ) : (
        <>
          <p className="drawer-count" data-total={answer.total}>
            {t('rows.summary', { total: answer.total, shown: answer.rows.length })}
            {answer.capped ? ` ${t('rows.capped')}` : ''}
            {filters ? (
              <a className="button" href={rowsCsvUrl(link, filters)} download>
                {t('rows.csv')}
              </a>
            ) : null}
          </p>
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={t(`rows.kinds.${link.kind}`)}
          >
            <table>
              <caption className="sr-only">{t(`rows.kinds.${link.kind}`)}</caption>
              <thead>
                <tr>
                  {answer.columns.map((c) => (
                    <th key={c.key} scope="col">
                      {t(`rows.columns.${c.key}`, { defaultValue: c.key })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {answer.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((v, j) => {
                      const type = answer.columns[j]?.type ?? 'text';
                      return <td key={j}>{cellText(v, type, language, t)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('rows.pages')}>
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('rows.previous')}
            </button>
            <span>
              {offset + 1}–{offset + answer.rows.length}
            </span>
            <button
              type="button"
              disabled={offset + PAGE >= answer.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('rows.next')}
            </button>
          </nav>
        </>
      )}
    </>
  );
}

function cellText(
  v: string | number | boolean | null,
  type: RowsResponse['columns'][number]['type'],
  language: 'zh-CN' | 'en',
  t: (key: string) => string,
): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (type === 'instant' && typeof v === 'string') return formatInstant(v, language);
  if (typeof v === 'number') return formatValue(v, numberKind(type), language);
  return v;
}

/** How a number of a rows column reads (money in fen, with two decimals). */
export const numberKind = (type: RowsResponse['columns'][number]['type']) =>
  type === 'money' ? 'money2' : type === 'seconds' ? 'seconds' : 'int';
