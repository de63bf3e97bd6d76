/** What every view shares: formatters in the current language, store names, loading and errors. */
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { formatValue, type ValueKind } from '../format';
import { useHq } from '../state/context';
import type { ViewAnswer } from './use-view';
import type { z } from 'zod';

/** One empty list, so selectors return the same value while meta is loading. */
const NONE: readonly never[] = [];

export function useFormat() {
  const language = useHq((s) => s.language);
  return (kind: ValueKind) => (v: number | null) => formatValue(v, kind, language);
}

/** A store's name in the current language (ONLINE is the online channels' location). */
export function useStoreName() {
  const { t } = useTranslation();
  const language = useHq((s) => s.language);
  const stores = useHq((s) => s.meta?.stores ?? NONE);
  return (id: string) => {
    if (id === 'ONLINE') return t('filters.online');
    const s = stores.find((x) => x.storeId === id);
    return s ? (language === 'en' ? s.nameEn : s.nameZh) : id;
  };
}

export function useStyleLabel() {
  const language = useHq((s) => s.language);
  const styles = useHq((s) => s.meta?.styles ?? NONE);
  return (id: string) => {
    const s = styles.find((x) => x.styleId === id);
    return s ? (language === 'en' ? s.nameEn : s.nameZh) : id;
  };
}

export function Loaded<S extends z.ZodType>(props: {
  answer: ViewAnswer<S>;
  children: (data: z.output<S>) => ReactNode;
}) {
  const { t } = useTranslation();
  const { answer } = props;
  if (answer.state === 'loading') return <p aria-live="polite">{t('common.loading')}</p>;
  if (answer.state === 'error')
    return (
      <p role="alert" className="error">
        {t(`errors.${answer.code}`, { defaultValue: t('errors.other') })}
      </p>
    );
  return <div className="view-body">{props.children(answer.data)}</div>;
}

/** Every day of a range, so charts show the days without sales too. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}
