import { useTranslation } from 'react-i18next';
import { useAppState } from '../store/context';

/** Always visible: shoppers switch between 简体中文 and English with one tap. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  const setLanguage = useAppState((state) => state.setLanguage);
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="language-switch"
      aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
      lang={next}
      onClick={() => setLanguage(next)}
    >
      {t('language.switchTo')}
    </button>
  );
}
