/**
 * The rows behind a number: a dialog listing them a page at a time, with their total and a CSV of
 * all of them (up to the export limit). Escape or the close button returns to the page.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowsLink, RowsResponse } from '../../cloud/hq-api';
import { api, rowsCsvUrl } from '../api/client';
import { formatInstant, formatValue } from '../format';
import { useHq, useHqStore } from '../state/context';

const PAGE = 50;

export function RowsDrawer() {
  const drill = useHq((s) => s.drill);
  const filters = useHq((s) => s.filters);
  if (!drill || !filters) return null;
  return <Drawer key={JSON.stringify(drill)} link={drill} />;
}

function Drawer(props: { link: RowsLink }) {
  const { link } = props;
  const { t } = useTranslation();
  const store = useHqStore();
  const filters = useHq((s) => s.filters);
  const language = useHq((s) => s.language);
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<RowsResponse | 'loading' | { error: string }>('loading');
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.getState().closeRows();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

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

  const params = Object.entries(link.params)
    .map(([k, v]) => `${t(`rows.params.${k}`, { defaultValue: k })}: ${v}`)
    .join(' · ');
  return (
    <div className="drawer-backdrop">
      <div className="drawer" role="dialog" aria-modal="true" aria-labelledby="drawer-title">
        <header className="drawer-head">
          <h2 id="drawer-title">{t(`rows.kinds.${link.kind}`)}</h2>
          <button type="button" ref={closeButton} onClick={() => store.getState().closeRows()}>
            {t('common.close')}
          </button>
        </header>
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
            <div className="table-wrap">
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
      </div>
    </div>
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
  if (typeof v === 'number')
    return formatValue(
      v,
      type === 'money' ? 'money2' : type === 'seconds' ? 'seconds' : 'int',
      language,
    );
  return v;
}
