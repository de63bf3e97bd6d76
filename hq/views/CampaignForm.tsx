/**
 * The new-campaign form (marketing): audience (RFM segments × stores × tiers), the offer, the
 * schedule and the control group; "preview" counts the audience today, "save" makes a draft.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  CAMPAIGN_OFFER_KINDS,
  RFM_SEGMENTS,
  type Campaign,
  type CampaignDraft,
  type CampaignOfferKind,
  type CampaignPreview,
} from '../../cloud/hq-api';
import { campaignsApi } from '../api/campaigns';
import { useHq, useHqStore } from '../state/context';
import { csrfOf } from '../state/store';
import { useStoreName } from './common';

const isKind = (v: string): v is CampaignOfferKind =>
  (CAMPAIGN_OFFER_KINDS as readonly string[]).includes(v);
const toggle = (list: string[], v: string) =>
  list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

export function CampaignForm(props: { today: string; onCreated: (c: Campaign) => void }) {
  const { t } = useTranslation();
  const store = useHqStore();
  const meta = useHq((s) => s.meta);
  const language = useHq((s) => s.language);
  const storeName = useStoreName();
  const [name, setName] = useState('');
  const [segments, setSegments] = useState<string[]>(['sleeping', 'at-risk']);
  const [stores, setStores] = useState<string[]>([]);
  const [tiers, setTiers] = useState<string[]>([]);
  const [kind, setKind] = useState<CampaignOfferKind>('amount');
  const [value, setValue] = useState('30');
  const [minSpend, setMinSpend] = useState('199');
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [startsOn, setStartsOn] = useState(props.today);
  const [endsOn, setEndsOn] = useState(addDays(props.today, 30));
  const [birthdayMonth, setBirthdayMonth] = useState(false);
  const [controlPct, setControlPct] = useState('10');
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const draft = (): CampaignDraft => ({
    name,
    segments: RFM_SEGMENTS.filter((s) => segments.includes(s)),
    stores,
    tiers,
    offer: {
      kind,
      // amount is typed in yuan; percent and multiplier as whole numbers
      value: kind === 'amount' ? Math.round(Number(value) * 100) : Math.round(Number(value)),
      minSpendCents: Math.round(Number(minSpend) * 100),
      titleZh,
      titleEn,
    },
    startsOn,
    endsOn,
    birthdayMonth,
    controlPct: Math.round(Number(controlPct)),
  });

  async function send(which: 'preview' | 'create') {
    const csrf = csrfOf(store.getState());
    if (!csrf) return;
    setError(null);
    if (which === 'preview') {
      const r = await campaignsApi.preview(draft(), csrf);
      if (r.ok) setPreview(r.value);
      else setError(r.error.message);
      return;
    }
    const r = await campaignsApi.create(draft(), csrf);
    if (r.ok) props.onCreated(r.value);
    else setError(r.error.message);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send('create');
  };

  return (
    <form className="card wide campaign-form" onSubmit={submit} aria-label={t('campaigns.new')}>
      <h2>{t('campaigns.new')}</h2>
      <p className="note">{t('campaigns.consentNote')}</p>
      <label>
        {t('campaigns.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('campaigns.segments')}</legend>
        {RFM_SEGMENTS.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={segments.includes(s)}
              onChange={() => setSegments(toggle(segments, s))}
            />
            {t(`members.segments.${s}`, { defaultValue: s })}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('campaigns.stores')}</legend>
        {(meta?.stores ?? []).map((s) => (
          <label key={s.storeId} className="check">
            <input
              type="checkbox"
              checked={stores.includes(s.storeId)}
              onChange={() => setStores(toggle(stores, s.storeId))}
            />
            {storeName(s.storeId)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('campaigns.tiers')}</legend>
        {(meta?.tiers ?? []).map((x) => (
          <label key={x.tier} className="check">
            <input
              type="checkbox"
              checked={tiers.includes(x.tier)}
              onChange={() => setTiers(toggle(tiers, x.tier))}
            />
            {language === 'en' ? x.nameEn : x.nameZh}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('campaigns.offer')}</legend>
        <label>
          {t('campaigns.offer')}
          <select
            value={kind}
            onChange={(e) => {
              if (isKind(e.target.value)) setKind(e.target.value);
            }}
          >
            {CAMPAIGN_OFFER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`campaigns.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('campaigns.value')}
          <input
            type="number"
            min="1"
            // yuan and fen for an amount; whole percent and whole multipliers otherwise
            step={kind === 'amount' ? '0.01' : '1'}
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label>
          {t('campaigns.minSpend')}
          <input
            type="number"
            min="0"
            step="0.01"
            value={minSpend}
            onChange={(e) => setMinSpend(e.target.value)}
          />
        </label>
        <label>
          {t('campaigns.titleZh')}
          <input required value={titleZh} onChange={(e) => setTitleZh(e.target.value)} />
        </label>
        <label>
          {t('campaigns.titleEn')}
          <input required value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('campaigns.schedule')}</legend>
        <label>
          {t('campaigns.startsOn')}
          <input
            type="date"
            required
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
        </label>
        <label>
          {t('campaigns.endsOn')}
          <input type="date" required value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={birthdayMonth}
            onChange={(e) => setBirthdayMonth(e.target.checked)}
          />
          {t('campaigns.birthdayMonth')}
        </label>
        <label>
          {t('campaigns.controlPct')}
          <input
            type="number"
            min="0"
            max="50"
            value={controlPct}
            onChange={(e) => setControlPct(e.target.value)}
          />
        </label>
      </fieldset>
      {preview ? (
        <p role="status" className="preview">
          {t('campaigns.previewResult', preview)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={() => void send('preview')}>
          {t('campaigns.preview')}
        </button>
        <button type="submit">{t('campaigns.create')}</button>
      </div>
    </form>
  );
}
