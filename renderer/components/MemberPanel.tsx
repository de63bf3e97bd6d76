import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberPanelView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';
import { GarmentImage } from './GarmentImage';
import { MemberOffersList } from './MemberOffers';

/** Member QR tokens look like "MBR1.…"; anything else typed is taken as a card number. */
const kindOf = (value: string) => (/^MBR\d?\./i.test(value.trim()) ? 'qr' : 'card');

function Profile({ member }: { member: MemberPanelView }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  const pick = (label: { zh: string; en: string }) => (language === 'en' ? label.en : label.zh);
  const profile = member.profile;
  if (!profile) return <p className="no-consent">{t('desk.noConsent')}</p>;
  const rfm = profile.rfm;
  return (
    <>
      {rfm ? (
        <div className="rfm">
          <p className="segment">{t('desk.segment', { segment: pick(rfm.label) })}</p>
          <p>
            {t('desk.rfm', {
              days: rfm.recencyDays,
              frequency: rfm.frequency,
              amount: formatYuan(rfm.monetaryCents),
            })}
          </p>
          <p>{t('desk.rfmScores', { r: rfm.r, f: rfm.f, m: rfm.m })}</p>
        </div>
      ) : (
        <p>{t('desk.noRfm')}</p>
      )}
      <h3>{t('desk.preferences')}</h3>
      {profile.preferences.length === 0 ? (
        <p>{t('desk.noPreferences')}</p>
      ) : (
        <dl className="preferences">
          {profile.preferences.map((p) => (
            <div key={p.key}>
              <dt>{p.key}</dt>
              <dd>{p.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('desk.purchases')}</h3>
      {profile.recentPurchases.length === 0 ? (
        <p>{t('desk.noPurchases')}</p>
      ) : (
        <ul className="purchases">
          {profile.recentPurchases.map((p, i) => (
            <li key={`${p.at}-${p.sku}-${i}`}>
              <GarmentImage image={p.image} size="thumb" />
              <span>
                {t('desk.purchase', {
                  date: p.at.slice(0, 10),
                  name: p.name ? pick(p.name) : p.sku,
                  qty: p.qty,
                  amount: formatYuan(p.amountCents),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Look a member up (scan, or type the card number); tier and points, the profile only with consent. */
export function MemberPanel({ member }: { member: MemberPanelView | null }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const [typed, setTyped] = useState('');
  return (
    <section className="panel member-panel" aria-labelledby="member-panel-title">
      <h2 id="member-panel-title">{t('desk.memberTitle')}</h2>
      {member ? (
        <>
          <p className="member-head">
            <strong>{member.displayName}</strong>{' '}
            {t('desk.tierPoints', {
              tier: language === 'en' ? member.tierName.en : member.tierName.zh,
              points: member.points,
            })}
          </p>
          <MemberOffersList offers={member.offers} />
          <Profile member={member} />
          <button type="button" onClick={() => void kiosk['staff.closeMember']({})}>
            {t('desk.close')}
          </button>
        </>
      ) : (
        <form
          className="member-lookup"
          onSubmit={(event) => {
            event.preventDefault();
            const value = typed.trim();
            if (!value) return;
            void kiosk['staff.member']({ kind: kindOf(value), value });
            setTyped('');
          }}
        >
          <p>{t('desk.scanHint')}</p>
          <label htmlFor="member-lookup-input">{t('desk.lookupLabel')}</label>
          <input
            id="member-lookup-input"
            autoComplete="off"
            inputMode="text"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit" className="primary">
            {t('desk.lookup')}
          </button>
        </form>
      )}
    </section>
  );
}
