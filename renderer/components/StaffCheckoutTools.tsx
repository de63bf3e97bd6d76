import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceOverrideReason, SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';

const reasons: PriceOverrideReason[] = ['damaged', 'price-match', 'other'];

/** "12.5" → 1250 fen; null for anything that is not a plain non-negative amount. */
export function yuanToCents(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Price override of one line and voiding the basket, for a staff member at a checkout. */
export function StaffCheckoutTools({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const cart = view.cart;
  const [sku, setSku] = useState('');
  const [price, setPrice] = useState('');
  const [reason, setReason] = useState<PriceOverrideReason>('damaged');
  if (!cart || !['open', 'declined'].includes(cart.payment.state) || cart.lines.length === 0)
    return null;
  const name = (label: { zh: string; en: string }) => (language === 'en' ? label.en : label.zh);
  const chosen = cart.lines.find((l) => l.sku === sku) ?? cart.lines[0];
  const cents = yuanToCents(price);
  const overrides = view.staffDesk?.overrides ?? [];
  return (
    <section className="panel checkout-tools" aria-labelledby="tools-title">
      <h2 id="tools-title">{t('desk.toolsTitle')}</h2>
      {overrides.length > 0 && (
        <ul className="overrides">
          {overrides.map((o) => (
            <li key={`${o.sku}-${o.approvalId ?? 'applied'}`}>
              {t(o.status === 'applied' ? 'desk.overrideApplied' : 'desk.overrideWaiting', {
                name: name(o.name),
                to: formatYuan(o.toCents),
              })}
            </li>
          ))}
        </ul>
      )}
      <form
        className="override-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!chosen || cents === null) return;
          void kiosk['staff.overridePrice']({ sku: chosen.sku, priceCents: cents, reason });
          setPrice('');
        }}
      >
        <label htmlFor="override-line">{t('desk.overrideLine')}</label>
        <select
          id="override-line"
          value={chosen?.sku ?? ''}
          onChange={(event) => setSku(event.target.value)}
        >
          {cart.lines.map((l) => (
            <option key={l.sku} value={l.sku}>
              {name(l.name)} · {l.size} · {formatYuan(l.unitPriceCents)}
            </option>
          ))}
        </select>
        <label htmlFor="override-price">{t('desk.newPrice')}</label>
        <input
          id="override-price"
          inputMode="decimal"
          autoComplete="off"
          value={price}
          onChange={(event) => setPrice(event.target.value)}
        />
        <div role="group" aria-label={t('desk.reasonLabel')} className="override-reasons">
          {reasons.map((r) => (
            <button key={r} type="button" aria-pressed={reason === r} onClick={() => setReason(r)}>
              {t(`desk.reasons.${r}`)}
            </button>
          ))}
        </div>
        <button type="submit" className="primary" disabled={cents === null}>
          {t('desk.applyOverride')}
        </button>
      </form>
      <button type="button" className="danger" onClick={() => void kiosk['staff.void']({})}>
        {t('desk.voidBasket')}
      </button>
    </section>
  );
}
