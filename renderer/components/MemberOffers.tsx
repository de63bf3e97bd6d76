import { useTranslation } from 'react-i18next';
import type { MemberOfferView } from '../../bridge/views';
import { useAppState } from '../store/context';
import { offerDate, offerNotice, offerPhrase, offerYuan } from '../store/offers';

/**
 * The mirror's calm word to a signed-in member that an offer is waiting (the host sends offers
 * only with marketing consent): a status, never an alert, and nothing when there is none.
 */
export function MemberOffersNotice({ offers }: { offers: readonly MemberOfferView[] }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  if (offers.length === 0) return null;
  return (
    <section className="panel member-offers" aria-label={t('offers.mirrorTitle')}>
      <div role="status">
        <ul>
          {offers.map((offer) => (
            <li key={offer.code}>{offerNotice(offer, t, language)}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The staff member panel's list: what each offer gives, its minimum spend and validity. */
export function MemberOffersList({ offers }: { offers: readonly MemberOfferView[] }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  return (
    <>
      <h3>{t('offers.staffTitle')}</h3>
      {offers.length === 0 ? (
        <p>{t('offers.staffNone')}</p>
      ) : (
        <ul className="offers">
          {offers.map((offer) => (
            <li key={offer.code} data-code={offer.code}>
              <strong>{language === 'en' ? offer.title.en : offer.title.zh}</strong> ·{' '}
              {offerPhrase(offer, t)} ·{' '}
              {offer.minSpendCents > 0
                ? t('offers.minSpend', { min: offerYuan(offer.minSpendCents) })
                : t('offers.noMinSpend')}{' '}
              ·{' '}
              {t('offers.staffValid', {
                from: offerDate(offer.validFrom, language),
                to: offerDate(offer.validTo, language),
              })}{' '}
              · <code>{offer.code}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
