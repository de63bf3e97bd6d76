import { useTranslation } from 'react-i18next';
import { useAppState } from '../store/context';

export function AttractScreen() {
  const { t } = useTranslation();
  const role = useAppState((state) => state.info?.role ?? 'mirror');
  const store = useAppState((state) => state.info?.storeName ?? null);
  const language = useAppState((state) => state.language);
  return (
    <section className="attract" aria-labelledby="attract-title">
      <h1 id="attract-title">{t('attract.title')}</h1>
      <p className="attract-hint">{t(`attract.${role}`)}</p>
      {store && <p className="attract-store">{language === 'en' ? store.en : store.zh}</p>}
      {role !== 'staff' && <p className="attract-member">{t('member.hint')}</p>}
    </section>
  );
}
