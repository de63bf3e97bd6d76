import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store/context';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The PIN for the badge just scanned; digits never leave this component except to `staff.login`. */
export function PinPad() {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [pin, setPin] = useState('');
  return (
    <section className="pin-pad" aria-labelledby="pin-title">
      <h1 id="pin-title">{t('staff.pinTitle')}</h1>
      <p className="pin-dots" aria-live="polite">
        {'●'.repeat(pin.length) || '—'}
        <span className="visually-hidden">{t('staff.pinDigits', { count: pin.length })}</span>
      </p>
      <div className="pin-keys" role="group" aria-label={t('staff.pinTitle')}>
        {digits.map((d) => (
          <button key={d} type="button" onClick={() => setPin((p) => (p.length < 8 ? p + d : p))}>
            {d}
          </button>
        ))}
        <button type="button" onClick={() => setPin('')}>
          {t('staff.clear')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={pin.length < 4}
          onClick={() => {
            void kiosk['staff.login']({ pin });
            setPin('');
          }}
        >
          {t('common.ok')}
        </button>
      </div>
      <button type="button" className="secondary" onClick={() => void kiosk['staff.cancelPin']({})}>
        {t('common.cancel')}
      </button>
    </section>
  );
}
