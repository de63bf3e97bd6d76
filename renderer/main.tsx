import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './components/App';
import { scheduleWarmUp } from './components/warm-up';
import { createI18n } from './i18n';
import { connectKiosk } from './kiosk-api';
import { createAppStore } from './store/app-store';
import { ServicesProvider } from './store/context';
import './styles.css';

const store = createAppStore();
const kiosk = connectKiosk({
  onConnectionChange: (connected) => store.getState().setConnected(connected),
  onNoSessionKey: () => store.getState().setSessionKeyMissing(),
});
const i18n = createI18n(store.getState().language);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={{ store, kiosk }}>
          <App />
        </ServicesProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

// The first shopper's garments appear as fast as everyone else's (see components/warm-up).
scheduleWarmUp({ services: { store, kiosk }, i18n });
