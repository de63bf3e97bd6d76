import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState, useKiosk } from '../store/context';
import { AttractScreen } from './AttractScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { ProductCard } from './ProductCard';
import { ScanMessage } from './ScanMessage';

/** How long a product or message stays up with nothing happening before the attract screen returns. */
const returnToAttractMs = 60_000;

export function App() {
  const { t, i18n } = useTranslation();
  const kiosk = useKiosk();
  const screen = useAppState((state) => state.screen);
  const scanCount = useAppState((state) => state.scanCount);
  const language = useAppState((state) => state.language);
  const connected = useAppState((state) => state.connected);
  const applyScan = useAppState((state) => state.applyScan);
  const backToAttract = useAppState((state) => state.backToAttract);
  const setInfo = useAppState((state) => state.setInfo);

  useEffect(() => kiosk.on('device.scan', applyScan), [kiosk, applyScan]);
  useEffect(() => {
    void kiosk['app.info']({}).then((result) => result.ok && setInfo(result.value));
  }, [kiosk, setInfo]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  useEffect(() => {
    if (screen.kind === 'attract') return;
    const timer = setTimeout(backToAttract, returnToAttractMs);
    return () => clearTimeout(timer);
  }, [screen, scanCount, backToAttract]);

  return (
    <div className={`app role-${useAppState((state) => state.info?.role ?? 'mirror')}`}>
      <header className="top-bar">
        <span className="brand">SEED</span>
        {!connected && (
          <span className="connection" role="status">
            {t('status.offline')}
          </span>
        )}
        <LanguageSwitch />
      </header>
      <main className="stage" key={scanCount}>
        {screen.kind === 'attract' && <AttractScreen />}
        {screen.kind === 'product' && <ProductCard product={screen.product} />}
        {screen.kind !== 'attract' && screen.kind !== 'product' && <ScanMessage screen={screen} />}
      </main>
    </div>
  );
}
