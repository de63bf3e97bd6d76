/** Numbers as people in each language read them: yuan, counts, shares, durations, days. */
import type { Language } from './i18n';

const cache = new Map<string, Intl.NumberFormat>();
function nf(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language, options);
    cache.set(key, f);
  }
  return f;
}

export type ValueKind = 'int' | 'money' | 'money2' | 'pct' | 'dec' | 'seconds' | 'text';

export function formatValue(
  value: number | string | null,
  kind: ValueKind,
  language: Language,
): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  switch (kind) {
    case 'int':
      return nf(language, { maximumFractionDigits: 0 }).format(value);
    case 'money':
      return nf(language, {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        maximumFractionDigits: 0,
      }).format(value / 100);
    case 'money2':
      return nf(language, {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value / 100);
    case 'pct':
      return nf(language, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value);
    case 'dec':
      return nf(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'seconds':
      return formatDuration(value, language);
    case 'text':
      return String(value);
  }
}

export function formatDuration(seconds: number, language: Language): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (language === 'zh-CN') return m > 0 ? `${m}分${s}秒` : `${s}秒`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** An instant as a local date and time in the brand's zone. */
export function formatInstant(iso: string | null, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}
