import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';
import { GarmentImage } from './GarmentImage';
import { MirrorScreen } from './MirrorScreen';

/**
 * Working with a customer on the staff screen: "complete the look" / "for you" with their reasons
 * first (what staff act on), then the customer's garments as the mirror's own cards, until ended.
 */
export function StaffGuidedSession({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const pick = (label: { zh: string; en: string }) => (language === 'en' ? label.en : label.zh);
  const active = view.sessionId !== null;
  const lists = [
    { title: t('mirror.look'), items: view.suggestions.look },
    { title: t('mirror.forYou'), items: view.suggestions.forYou },
  ].filter((list) => list.items.length > 0);
  return (
    <section className="panel guided" aria-labelledby="guided-title">
      <h2 id="guided-title">{t('desk.guidedTitle')}</h2>
      <p>{t('desk.guidedHint')}</p>
      {active ? (
        <button type="button" onClick={() => void kiosk['staff.guidedEnd']({})}>
          {t('desk.guidedEnd')}
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void kiosk['staff.guidedStart']({})}
        >
          {t('desk.guidedStart')}
        </button>
      )}
      {active && (
        <div className="guided-suggestions">
          {lists.map((list) => (
            <section key={list.title} aria-label={list.title}>
              <h3>{list.title}</h3>
              <ul>
                {list.items.map((item) => (
                  <li key={item.sku}>
                    <GarmentImage image={item.image} size="thumb" />
                    <span>
                      {pick(item.name)} · {formatYuan(item.priceCents)} — {pick(item.reason)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {/* The queue and the suggestions are shown above; the mirror's copies would repeat them. */}
      {active && (
        <MirrorScreen
          view={{ ...view, requests: [], suggestions: { look: [], forYou: [] } }}
          withPhoto={false}
        />
      )}
    </section>
  );
}
