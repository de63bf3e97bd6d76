/** The signed-in frame: brand, the views this role may open, language, user, sign-out. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useHq, useHqStore } from '../state/context';
import { csrfOf } from '../state/store';
import { routeHash } from '../state/route';
import { FilterBar } from './FilterBar';
import { LanguageSwitch } from './LanguageSwitch';
import { RowsDrawer } from './RowsDrawer';

export function Layout(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const store = useHqStore();
  const view = useHq((s) => s.view);
  const filters = useHq((s) => s.filters);
  const user = useHq((s) => (s.auth.status === 'signed-in' ? s.auth.session.user : null));
  const meta = useHq((s) => s.meta);
  if (!user) return null;
  const signOut = async () => {
    const csrf = csrfOf(store.getState());
    if (csrf) await api.logout(csrf);
    store.getState().signedOut();
  };
  const storeName = meta?.stores.find((s) => s.storeId === user.storeId);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('app.views')}>
          {user.views.map((v) => (
            <a
              key={v}
              href={filters ? routeHash(v, filters) : `#/${v}`}
              aria-current={v === view ? 'page' : undefined}
            >
              {t(`views.${v}.nav`)}
            </a>
          ))}
        </nav>
        <div className="who">
          <LanguageSwitch />
          <span className="user">
            {user.displayName} · {t(`roles.${user.role}`)}
            {storeName ? ` · ${storeName.storeId}` : ''}
          </span>
          <button type="button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <FilterBar />
      <main className="content" id="main">
        <h1 className="view-title">{t(`views.${view}.title`)}</h1>
        {props.children}
      </main>
      <RowsDrawer />
    </div>
  );
}
