import { useTranslation } from 'react-i18next';
import type { OrderView, SessionView, TryOnCard } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';

type Size = TryOnCard['sizes'][number];

/**
 * A size that is not in this store: reserve it in another store, or order it from online stock
 * for home delivery or pickup here. Ordering needs a member (to be told when it arrives).
 */
export function OrderOptions({
  size,
  view,
  onClose,
}: {
  size: Size;
  view: SessionView;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const order = (kind: OrderView['kind'], delivery: OrderView['delivery']) => {
    void kiosk['mirror.order']({ sku: size.sku, kind, delivery });
    onClose();
  };
  return (
    <section className="panel order-options" aria-labelledby="order-title">
      <h2 id="order-title">{t('order.title', { size: size.size })}</h2>
      {!view.member && <p>{t('order.needsMember')}</p>}
      <div className="order-buttons">
        {size.otherStores > 0 && (
          <button
            type="button"
            disabled={!view.member}
            onClick={() => order('reserve-in-store', 'pickup-there')}
          >
            {t('order.reserve')}
          </button>
        )}
        {size.online > 0 && (
          <>
            <button
              type="button"
              disabled={!view.member}
              onClick={() => order('ship-from-online', 'home')}
            >
              {t('order.home')}
            </button>
            <button
              type="button"
              disabled={!view.member}
              onClick={() => order('ship-from-online', 'pickup-here')}
            >
              {t('order.pickupHere')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

/** What was ordered on this visit, so the shopper sees it went through. */
export function OrderList({ orders }: { orders: OrderView[] }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  if (orders.length === 0) return null;
  const pick = (label: { zh: string; en: string }) => (language === 'en' ? label.en : label.zh);
  return (
    <section className="panel" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('order.list')}</h2>
      <ul>
        {orders.map((o) => (
          <li key={o.orderId}>
            {pick(o.name)} · {o.size} ·{' '}
            {t(`order.placed.${o.delivery}`, { store: o.from ? pick(o.from) : '' })}
          </li>
        ))}
      </ul>
    </section>
  );
}
