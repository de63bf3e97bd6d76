import { memo, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRef, SessionView, TryOnCard, TryOnReasonView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { focusCard } from '../store/session-slice';
import { formatYuan } from '../store/selectors';
import type { Language } from '../i18n';
import { GarmentImage } from './GarmentImage';
import { FitAdvice } from './FitAdvice';
import { LookQr } from './LookQr';
import { MemberOffersNotice } from './MemberOffers';
import { OrderList, OrderOptions } from './OrderOptions';
import { PhotoPanel } from './PhotoPanel';

const reasons: TryOnReasonView[] = ['too-small', 'too-big', 'colour', 'style', 'price'];
const pick = (label: { zh: string; en: string }, language: Language) =>
  language === 'en' ? label.en : label.zh;

function GarmentCard({ card, view }: { card: TryOnCard; view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const [asking, setAsking] = useState(false);
  // The look QR (a QR matrix computed in JS) renders just after the card, at transition priority:
  // the garment's name and price commit first, and in a burst of scans the QR of a card already
  // replaced is never computed at all.
  const qrUrl = useDeferredValue(card.lookUrl, '');
  const [ordering, setOrdering] = useState<string | null>(null);
  const orderingSize = card.sizes.find((s) => s.sku === ordering) ?? null;
  const ordered = new Set(view.orders.map((o) => o.sku));
  const here = card.sizes.find((s) => s.sku === card.sku)?.here ?? 0;
  const react = (reaction: 'liked' | 'rejected', reason: TryOnReasonView | null) =>
    void kiosk['mirror.react']({ sku: card.sku, reaction, reason });
  return (
    <article className="product-card" aria-labelledby="product-name" data-sku={card.sku}>
      <GarmentImage image={card.image} size="screen" />
      <h1 id="product-name" className="product-name">
        {pick(card.name, language)}
      </h1>
      <dl className="product-facts">
        <div>
          <dt>{t('product.color')}</dt>
          <dd>{pick(card.color, language)}</dd>
        </div>
        <div>
          <dt>{t('product.size')}</dt>
          <dd>{card.size}</dd>
        </div>
        <div>
          <dt>{t('product.price')}</dt>
          <dd className="product-price">
            {formatYuan(card.priceCents)}
            {card.priceCents < card.listPriceCents && (
              <s className="product-list-price">{formatYuan(card.listPriceCents)}</s>
            )}
          </dd>
        </div>
        {card.memberPriceCents !== null && (
          <div>
            <dt>{t('mirror.memberPrice')}</dt>
            <dd className="member-price">{formatYuan(card.memberPriceCents)}</dd>
          </div>
        )}
        <div>
          <dt>{t('product.stockHere')}</dt>
          <dd className={here > 0 ? 'in-stock' : 'out-of-stock'}>
            {here > 0 ? t('product.inStock', { count: here }) : t('product.outOfStock')}
          </dd>
        </div>
      </dl>
      <h2>{t('mirror.swatches')}</h2>
      <ul className="swatches">
        {card.swatches.map((s) => (
          <li key={s.code} className={s.code === card.color.code ? 'current' : undefined}>
            {pick(s, language)}
          </li>
        ))}
      </ul>
      <h2>{t('mirror.sizes')}</h2>
      <table className="sizes">
        <thead>
          <tr>
            <th scope="col">{t('product.size')}</th>
            <th scope="col">{t('mirror.here')}</th>
            <th scope="col">{t('mirror.otherStores')}</th>
            <th scope="col">{t('mirror.online')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('mirror.requestTitle')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {card.sizes.map((s) => (
            <tr key={s.sku} className={s.sku === card.sku ? 'current' : undefined}>
              <th scope="row">{s.size}</th>
              <td>{s.here}</td>
              <td>{s.otherStores}</td>
              <td>{s.online}</td>
              <td>
                {s.sku !== card.sku && s.here > 0 && (
                  <button
                    type="button"
                    onClick={() => void kiosk['mirror.requestSize']({ sku: s.sku })}
                  >
                    {t('mirror.requestSize', { size: s.size })}
                  </button>
                )}
                {s.here === 0 && (s.otherStores > 0 || s.online > 0) && !ordered.has(s.sku) && (
                  <button type="button" onClick={() => setOrdering(s.sku)}>
                    {t('order.open', { size: s.size })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FitAdvice fit={card.fit} />
      {orderingSize && (
        <OrderOptions size={orderingSize} view={view} onClose={() => setOrdering(null)} />
      )}
      {qrUrl && <LookQr url={qrUrl} />}
      <div className="reactions">
        <button
          type="button"
          aria-pressed={card.reaction === 'liked'}
          onClick={() => react('liked', null)}
        >
          {t('mirror.like')}
        </button>
        <button
          type="button"
          aria-pressed={card.reaction === 'rejected'}
          onClick={() => setAsking(true)}
        >
          {t('mirror.notForMe')}
        </button>
      </div>
      {asking && (
        <div className="reason-prompt" role="group" aria-label={t('mirror.whyQuestion')}>
          <p>{t('mirror.whyQuestion')}</p>
          {reasons.map((reason) => (
            <button
              key={reason}
              type="button"
              onClick={() => {
                react('rejected', reason);
                setAsking(false);
              }}
            >
              {t(`reason.${reason}`)}
            </button>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              react('rejected', null);
              setAsking(false);
            }}
          >
            {t('mirror.skip')}
          </button>
        </div>
      )}
    </article>
  );
}

interface VisitItemProps {
  sku: string;
  label: string;
  current: boolean;
  image: ImageRef | null | undefined;
}
const sameImage = (a: ImageRef | null | undefined, b: ImageRef | null | undefined) =>
  a?.hash === b?.hash && a?.alt.zh === b?.alt.zh && a?.alt.en === b?.alt.en;

/**
 * One garment of the visit list. Memoised on plain values: a scan re-sends the whole visit, and
 * without this every earlier item re-rendered on every scan (work growing with the visit).
 */
const VisitItem = memo(
  function VisitItem(props: VisitItemProps) {
    const kiosk = useKiosk();
    return (
      <li data-sku={props.sku}>
        <button
          type="button"
          aria-current={props.current}
          onClick={() => void kiosk['mirror.focus']({ sku: props.sku })}
        >
          <GarmentImage image={props.image} size="thumb" />
          {props.label}
        </button>
      </li>
    );
  },
  (a, b) =>
    a.sku === b.sku &&
    a.label === b.label &&
    a.current === b.current &&
    sameImage(a.image, b.image),
);

/** `withPhoto` false: the staff screen's guided session shows the cards without the photo panel. */
export function MirrorScreen({
  view,
  withPhoto = true,
}: {
  view: SessionView;
  withPhoto?: boolean;
}) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  const card = focusCard(view);
  const suggestions = [
    { title: t('mirror.look'), items: view.suggestions.look },
    { title: t('mirror.forYou'), items: view.suggestions.forYou },
  ].filter((s) => s.items.length > 0);
  return (
    <div className="mirror">
      <MemberOffersNotice offers={view.memberOffers} />
      {card ? (
        <GarmentCard key={card.sku} card={card} view={view} />
      ) : (
        <p className="attract-hint">{t('attract.mirror')}</p>
      )}
      <OrderList orders={view.orders} />
      {card && withPhoto && <PhotoPanel view={view} />}
      {view.requests.length > 0 && (
        <section aria-labelledby="requests-title" className="panel">
          <h2 id="requests-title">{t('mirror.requestTitle')}</h2>
          <ul>
            {view.requests.map((r) => (
              <li key={r.requestId} className={`request-${r.status}`}>
                {t(`request.${r.status}`, { size: r.size ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {suggestions.map((s) => (
        <section key={s.title} className="panel" aria-label={s.title}>
          <h2>{s.title}</h2>
          <ul>
            {s.items.map((item) => (
              <li key={item.sku}>
                <GarmentImage image={item.image} size="thumb" />
                <span>
                  {pick(item.name, language)} · {formatYuan(item.priceCents)} —{' '}
                  {pick(item.reason, language)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {view.cards.length > 1 && (
        <section aria-labelledby="visit-title" className="panel">
          <h2 id="visit-title">{t('mirror.visit')}</h2>
          <ul className="visit-list">
            {view.cards.map((c) => (
              <VisitItem
                key={c.sku}
                sku={c.sku}
                current={c.sku === card?.sku}
                image={c.image}
                label={`${pick(c.name, language)} · ${pick(c.color, language)} · ${c.size}${
                  c.reaction ? ` · ${t(`mirror.${c.reaction}`)}` : ''
                }`}
              />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
