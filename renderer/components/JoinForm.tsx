import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store/context';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * Join at the kiosk: a phone number typed on an on-screen keypad and explicit consent. Accepting
 * the terms is required; profile use and marketing are separate, optional, and off by default.
 */
export function JoinForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [phone, setPhone] = useState('');
  const [terms, setTerms] = useState(false);
  const [profile, setProfile] = useState(false);
  const [marketing, setMarketing] = useState(false);
  const complete = /^1\d{10}$/.test(phone);
  return (
    <section className="panel join-form" aria-labelledby="join-title">
      <h2 id="join-title">{t('join.title')}</h2>
      <p className="join-phone" aria-live="polite">
        <span>{t('join.phone')}</span> <output>{phone || '—'}</output>
      </p>
      <div className="pin-keys" role="group" aria-label={t('join.phone')}>
        {digits.map((d) => (
          <button
            key={d}
            type="button"
            onClick={() => setPhone((p) => (p.length < 11 ? p + d : p))}
          >
            {d}
          </button>
        ))}
        <button type="button" onClick={() => setPhone((p) => p.slice(0, -1))}>
          {t('join.back')}
        </button>
      </div>
      <label className="consent">
        <input type="checkbox" checked={terms} onChange={(e) => setTerms(e.target.checked)} />
        {t('join.terms')}
      </label>
      <label className="consent">
        <input type="checkbox" checked={profile} onChange={(e) => setProfile(e.target.checked)} />
        {t('join.profile')}
      </label>
      <label className="consent">
        <input
          type="checkbox"
          checked={marketing}
          onChange={(e) => setMarketing(e.target.checked)}
        />
        {t('join.marketing')}
      </label>
      <div className="join-actions">
        <button
          type="button"
          className="primary"
          disabled={!complete || !terms}
          onClick={() => {
            void kiosk['member.join']({
              phone,
              acceptTerms: true,
              consentProfile: profile,
              consentMarketing: marketing,
            });
            onClose();
          }}
        >
          {t('join.submit')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
