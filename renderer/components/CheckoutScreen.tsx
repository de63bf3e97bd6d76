import { useTranslation } from 'react-i18next';
import type { CartView, SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';
import { GarmentImage } from './GarmentImage';
import { SlipBarcode } from './SlipBarcode';

const scores = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function AfterPayment({ cart }: { cart: CartView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const payment = cart.payment;
  if (payment.state === 'pay-at-counter') {
    return (
      <section className="panel slip" aria-labelledby="slip-title">
        <h2 id="slip-title">{t('checkout.slipTitle')}</h2>
        {/* The SVG is drawn by the host's qrcode library from our own slip text. */}
        <div
          className="slip-qr"
          role="img"
          aria-label={payment.slipCode}
          dangerouslySetInnerHTML={{ __html: payment.qrSvg }}
        />
        <SlipBarcode code={payment.slipCode} />
        <p className="slip-code">{payment.slipCode}</p>
      </section>
    );
  }
  if (payment.state !== 'paid') return null;
  return (
    <section className="panel paid" aria-labelledby="paid-title">
      <h2 id="paid-title">{t('checkout.paid')}</h2>
      <p>{t(payment.receipt === 'printed' ? 'checkout.receiptPrinted' : 'checkout.receiptSent')}</p>
      {cart.pointsBalance !== null && (
        <p>{t('checkout.balance', { points: cart.pointsBalance })}</p>
      )}
      {cart.npsGiven ? (
        <p role="status">{t('checkout.npsThanks')}</p>
      ) : (
        <div role="group" aria-labelledby="nps-question" className="nps">
          <p id="nps-question">{t('checkout.npsQuestion')}</p>
          <div className="nps-scale">
            {scores.map((score) => (
              <button
                key={score}
                type="button"
                onClick={() => void kiosk['checkout.nps']({ score })}
              >
                {score}
              </button>
            ))}
          </div>
          <p className="nps-ends">
            <span>{t('checkout.npsLow')}</span>
            <span>{t('checkout.npsHigh')}</span>
          </p>
        </div>
      )}
    </section>
  );
}

export function CheckoutScreen({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const cloud = useAppState((state) => state.cloud);
  const cart = view.cart;
  if (!cart) return null;
  const open = cart.payment.state === 'open' || cart.payment.state === 'declined';
  const name = (label: { zh: string; en: string }) => (language === 'en' ? label.en : label.zh);
  const waiting = new Set(view.approvals.filter((a) => a.status === 'waiting').map((a) => a.sku));
  return (
    <div className="checkout">
      <section className="panel" aria-labelledby="cart-title">
        <h1 id="cart-title">{t('checkout.cart')}</h1>
        {cart.lines.length === 0 && <p>{t('checkout.empty')}</p>}
        <ul className="cart-lines">
          {cart.lines.map((line) => (
            <li key={line.sku} data-sku={line.sku}>
              <GarmentImage image={line.image} size="thumb" />
              <span className="line-name">
                {name(line.name)} · {name(line.color)} · {line.size}
              </span>
              <span className="line-qty">
                {open && (
                  <button
                    type="button"
                    aria-label={t('checkout.less', { name: name(line.name) })}
                    onClick={() => void kiosk['cart.setQty']({ sku: line.sku, qty: line.qty - 1 })}
                  >
                    −
                  </button>
                )}
                <span aria-label={t('checkout.qty')}>{line.qty}</span>
                {open && (
                  <button
                    type="button"
                    aria-label={t('checkout.more', { name: name(line.name) })}
                    onClick={() => void kiosk['cart.setQty']({ sku: line.sku, qty: line.qty + 1 })}
                  >
                    +
                  </button>
                )}
              </span>
              <span className="line-amount">{formatYuan(line.amountCents)}</span>
              {waiting.has(line.sku) && (
                <span className="line-note">{t('checkout.waitingApproval')}</span>
              )}
            </li>
          ))}
        </ul>
        <dl className="totals">
          <div>
            <dt>{t('checkout.subtotal')}</dt>
            <dd>{formatYuan(cart.subtotalCents)}</dd>
          </div>
          {cart.discounts
            .filter((d) => d.amountCents > 0)
            .map((d) => (
              <div key={`${d.kind}-${d.code ?? ''}`} className="discount-line">
                <dt>{name(d.label)}</dt>
                <dd>-{formatYuan(d.amountCents)}</dd>
              </div>
            ))}
          <div className="total">
            <dt>{t('checkout.total')}</dt>
            <dd>{formatYuan(cart.totalCents)}</dd>
          </div>
        </dl>
        {view.member && cart.pointsEarned > 0 && (
          <p>{t('checkout.earn', { points: cart.pointsEarned })}</p>
        )}
      </section>
      {open && cart.coupons.length > 0 && (
        <section className="panel" aria-labelledby="coupons-title">
          <h2 id="coupons-title">{t('checkout.coupons')}</h2>
          <ul className="coupons">
            {cart.coupons.map((c) => (
              <li key={c.code}>
                <span>{name(c.title)}</span>
                <button
                  type="button"
                  aria-pressed={c.applied}
                  onClick={() =>
                    void kiosk['checkout.coupon']({ code: c.code, applied: !c.applied })
                  }
                >
                  {c.applied ? t('checkout.applied') : t('checkout.apply')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open && view.member && cart.pointsRedeemable > 0 && (
        <section
          className="panel"
          aria-label={t('checkout.points', { points: view.member.points })}
        >
          <p>{t('checkout.points', { points: view.member.points })}</p>
          {cart.pointsToRedeem > 0 ? (
            <button type="button" onClick={() => void kiosk['checkout.points']({ points: 0 })}>
              {t('checkout.stopPoints')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void kiosk['checkout.points']({ points: cart.pointsRedeemable })}
            >
              {t('checkout.usePoints', { points: cart.pointsRedeemable })}
            </button>
          )}
        </section>
      )}
      {open && cart.lines.length > 0 && (
        <section className="panel pay" aria-label={t('checkout.payHint')}>
          <p className="pay-hint">{t('checkout.payHint')}</p>
          {cloud === 'offline' && <p>{t('checkout.offlinePay')}</p>}
          <button
            type="button"
            className="secondary"
            onClick={() => void kiosk['checkout.payAtCounter']({})}
          >
            {t('checkout.payAtCounter')}
          </button>
        </section>
      )}
      <AfterPayment cart={cart} />
    </div>
  );
}
