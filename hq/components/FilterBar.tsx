/**
 * Date range, store / city, channels, category, season and the chosen style. Every change becomes
 * a new address (#/view?…), so the page, the back button and a shared link agree. Filters that a
 * view does not apply are greyed out and named.
 */
import { useTranslation } from 'react-i18next';
import {
  addDays,
  HQ_CHANNELS,
  IGNORED_FILTERS,
  type HqChannel,
  type HqFilters,
} from '../../cloud/hq-api';
import { useHq } from '../state/context';
import { routeHash } from '../state/route';

const PRESETS = [7, 28, 90] as const;

export function FilterBar() {
  const { t } = useTranslation();
  const view = useHq((s) => s.view);
  const filters = useHq((s) => s.filters);
  const meta = useHq((s) => s.meta);
  const language = useHq((s) => s.language);
  if (!filters || !meta) return null;
  const manager = meta.user.role === 'store-manager';
  const ignored = new Set(IGNORED_FILTERS[view]);
  const go = (next: Partial<HqFilters>) => {
    window.location.hash = routeHash(view, { ...filters, ...next });
  };
  const last = meta.dataRange.last ?? filters.to;
  const storeName = (id: string) => {
    const s = meta.stores.find((x) => x.storeId === id);
    return s ? (language === 'en' ? s.nameEn : s.nameZh) : id;
  };
  const toggleChannel = (c: HqChannel, on: boolean) => {
    const current = filters.channels.length > 0 ? filters.channels : [...HQ_CHANNELS];
    const next = on ? [...new Set([...current, c])] : current.filter((x) => x !== c);
    go({ channels: next.length === HQ_CHANNELS.length ? [] : next });
  };
  const notApplied = [...ignored].map((f) => t(`filters.names.${f}`));
  return (
    <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filters.from')}
        <input
          type="date"
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && go({ from: e.target.value })}
        />
      </label>
      <label>
        {t('filters.to')}
        <input
          type="date"
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && go({ to: e.target.value })}
        />
      </label>
      <div className="presets" role="group" aria-label={t('filters.presets')}>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            onClick={() => go({ from: addDays(last, 1 - days), to: last })}
          >
            {t('filters.lastDays', { count: days })}
          </button>
        ))}
      </div>
      <label>
        {t('filters.store')}
        <select
          value={filters.stores[0] ?? ''}
          disabled={manager}
          onChange={(e) => go({ stores: e.target.value ? [e.target.value] : [], cities: [] })}
        >
          {manager ? null : <option value="">{t('filters.allStores')}</option>}
          {meta.stores.map((s) => (
            <option key={s.storeId} value={s.storeId}>
              {storeName(s.storeId)}
            </option>
          ))}
          {manager ? null : <option value="ONLINE">{t('filters.online')}</option>}
        </select>
      </label>
      <label>
        {t('filters.city')}
        <select
          value={filters.cities[0] ?? ''}
          disabled={manager}
          onChange={(e) => go({ cities: e.target.value ? [e.target.value] : [], stores: [] })}
        >
          <option value="">{t('filters.allCities')}</option>
          {meta.cities.map((c) => (
            <option key={c} value={c}>
              {t(`cities.${c}`, { defaultValue: c })}
            </option>
          ))}
        </select>
      </label>
      <fieldset disabled={ignored.has('channels')}>
        <legend>{t('filters.channels')}</legend>
        {HQ_CHANNELS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={filters.channels.length === 0 || filters.channels.includes(c)}
              onChange={(e) => toggleChannel(c, e.target.checked)}
            />
            {t(`channels.${c}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('filters.category')}
        <select
          value={filters.category ?? ''}
          disabled={ignored.has('category')}
          onChange={(e) => go({ category: e.target.value || undefined })}
        >
          <option value="">{t('filters.all')}</option>
          {meta.categories.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`, { defaultValue: c })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.season')}
        <select
          value={filters.season ?? ''}
          disabled={ignored.has('season')}
          onChange={(e) => go({ season: e.target.value || undefined })}
        >
          <option value="">{t('filters.all')}</option>
          {meta.seasons.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {filters.style ? (
        <button type="button" className="chip" onClick={() => go({ style: undefined })}>
          {t('filters.styleChip', { style: filters.style })}
        </button>
      ) : null}
      {notApplied.length > 0 ? (
        <p className="note">
          {t('filters.notApplied', { names: notApplied.join(language === 'en' ? ', ' : '、') })}
        </p>
      ) : null}
    </form>
  );
}
