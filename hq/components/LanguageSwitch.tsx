import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../i18n';
import { useHq, useHqStore } from '../state/context';

const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/** Always visible; remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const store = useHqStore();
  const current = useHq((s) => s.language);
  const choose = (l: Language) => {
    store.getState().setLanguage(l);
    void i18n.changeLanguage(l);
    document.documentElement.lang = l;
    localStorage.setItem('hq.language', l);
  };
  return (
    <div className="lang" role="group" aria-label={t('app.language')}>
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={current === l}
          onClick={() => choose(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
