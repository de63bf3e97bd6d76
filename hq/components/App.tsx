/** Sign-in, or the frame with the page the address names (and which this role may open). */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useHq, useHqStore } from '../state/context';
import { Fleet } from '../views/Fleet';
import { FittingRoom } from '../views/FittingRoom';
import { Members } from '../views/Members';
import { Overview } from '../views/Overview';
import { Reasons } from '../views/Reasons';
import { Stock } from '../views/Stock';
import type { HqView } from '../../cloud/hq-api';
import { Layout } from './Layout';
import { Login } from './Login';

const PAGES: Record<HqView, () => ReactNode> = {
  overview: () => <Overview />,
  'fitting-room': () => <FittingRoom />,
  reasons: () => <Reasons />,
  stock: () => <Stock />,
  members: () => <Members />,
  fleet: () => <Fleet />,
};

/** Selectors must return the same value for the same state (a fresh [] would re-render forever). */
const NO_VIEWS: readonly HqView[] = [];

export function App() {
  const { t } = useTranslation();
  const store = useHqStore();
  const status = useHq((s) => s.auth.status);
  const view = useHq((s) => s.view);
  const views = useHq((s) =>
    s.auth.status === 'signed-in' ? s.auth.session.user.views : NO_VIEWS,
  );
  const hasMeta = useHq((s) => s.meta !== null);

  useEffect(() => {
    if (status !== 'signed-in' || hasMeta) return;
    void api.meta().then((r) => {
      if (r.ok) store.getState().setMeta(r.value);
      else store.getState().signedOut(r.error.code === 'unauthorized' ? 'expired' : r.error.code);
    });
  }, [status, hasMeta, store]);

  if (status === 'checking') return <p className="boot">{t('common.loading')}</p>;
  if (status === 'signed-out') return <Login />;
  return (
    <Layout>
      {!hasMeta ? (
        <p>{t('common.loading')}</p>
      ) : views.includes(view) ? (
        PAGES[view]()
      ) : (
        <p role="alert">{t('errors.forbidden')}</p>
      )}
    </Layout>
  );
}
