import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { api } from './api/client';
import { App } from './components/App';
import { createI18n, isLanguage, type Language } from './i18n';
import { StoreProvider } from './state/context';
import { defaultFilters, parseRoute, routeHash } from './state/route';
import { createHqStore } from './state/store';
import './styles.css';

const stored = localStorage.getItem('hq.language');
const language: Language = isLanguage(stored)
  ? stored
  : navigator.language.startsWith('zh')
    ? 'zh-CN'
    : 'en';
document.documentElement.lang = language;
const store = createHqStore(language);
const i18n = createI18n(language);

/** The address is the page: read it now and whenever it changes. */
function followAddress(): void {
  const route = parseRoute(window.location.hash);
  const meta = store.getState().meta;
  if (!route.filters && meta) {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    window.location.replace(routeHash(route.view, defaultFilters(meta.dataRange.last, today)));
    return;
  }
  store.getState().showPage(route.view, route.filters);
}
window.addEventListener('hashchange', followAddress);
store.subscribe((s, before) => {
  if (s.meta && !before.meta) followAddress();
});
followAddress();

void api.session().then((r) => {
  if (r.ok) store.getState().signedIn(r.value);
  else store.getState().signedOut(null);
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider value={store}>
          <App />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
