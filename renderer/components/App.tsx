import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SessionView } from '../../bridge/views';
import { createImageGate, decodeInPage } from '../media/image-gate';
import { useTranslation } from 'react-i18next';
import { useAppState, useKiosk } from '../store/context';
import { stageOf } from '../store/session-slice';
import { AttractScreen } from './AttractScreen';
import { CameraSignIn } from './CameraSignIn';
import { CheckoutScreen } from './CheckoutScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { MemberBadge } from './MemberBadge';
import { MirrorScreen } from './MirrorScreen';
import { Notice } from './Notice';
import { PinPad } from './PinPad';
import { StaffConsole } from './StaffConsole';

/** Touches keep the host's visit alive; one message a second is plenty. */
const touchEveryMs = 1000;

export function App() {
  const { t, i18n } = useTranslation();
  const kiosk = useKiosk();
  const view = useAppState((state) => state.view);
  const language = useAppState((state) => state.language);
  const connected = useAppState((state) => state.connected);
  const sessionKeyMissing = useAppState((state) => state.sessionKeyMissing);
  const setView = useAppState((state) => state.setView);
  const setInfo = useAppState((state) => state.setInfo);
  const cloud = useAppState((state) => state.cloud);
  const setCloud = useAppState((state) => state.setCloud);
  const lastTouch = useRef(0);
  // A new garment's picture is decoded before its card commits: text and picture in one frame.
  const gate = useMemo(() => createImageGate({ decode: decodeInPage, maxWaitMs: 150 }), []);
  const applyView = useCallback((next: SessionView) => gate.apply(next, setView), [gate, setView]);

  useEffect(() => kiosk.on('session.changed', applyView), [kiosk, applyView]);
  useEffect(
    () => kiosk.on('sync.status', (status) => setCloud(status.connectivity)),
    [kiosk, setCloud],
  );
  useEffect(() => {
    void kiosk['sync.status']({}).then(
      (result) => result.ok && setCloud(result.value.connectivity),
    );
  }, [kiosk, setCloud, connected]);
  useEffect(() => {
    void kiosk['app.info']({}).then((result) => result.ok && setInfo(result.value));
  }, [kiosk, setInfo]);
  // On start and after every reconnect, the host's visit is the truth: fetch it whole.
  useEffect(() => {
    void kiosk['session.current']({}).then((result) => result.ok && applyView(result.value));
  }, [kiosk, applyView, connected]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  const stage = stageOf(view);
  const paymentOpen = !view?.cart || ['open', 'declined'].includes(view.cart.payment.state);
  const cameraOffered =
    (stage === 'attract' || stage === 'mirror' || stage === 'checkout') &&
    view !== null &&
    view.role !== 'staff' &&
    !view.member &&
    !view.staff &&
    paymentOpen;
  const onTouch = () => {
    const now = Date.now();
    if (!view?.sessionId && !view?.staff) return;
    if (now - lastTouch.current < touchEveryMs) return;
    lastTouch.current = now;
    void kiosk['session.touch']({});
  };

  return (
    <div
      className={`app role-${view?.role ?? 'mirror'}`}
      data-cloud={cloud}
      onPointerDown={onTouch}
    >
      <header className="top-bar">
        <span className="brand">SEED</span>
        {!connected && (
          <span className="connection" role="status">
            {sessionKeyMissing ? t('status.noSessionKey') : t('status.offline')}
          </span>
        )}
        {connected && cloud === 'offline' && (
          <span className="cloud-offline" role="status">
            {t('status.cloudOffline')}
          </span>
        )}
        {view?.member && <MemberBadge member={view.member} />}
        {view?.staff && (
          <span className="staff-badge">
            {t('staff.signedInAs', { name: view.staff.name })}
            <button
              type="button"
              className="secondary"
              onClick={() => void kiosk['staff.logout']({})}
            >
              {t('staff.signOut')}
            </button>
          </span>
        )}
        {view?.sessionId && (
          <button type="button" className="secondary" onClick={() => void kiosk['session.end']({})}>
            {t('common.done')}
          </button>
        )}
        <LanguageSwitch />
      </header>
      <main className={`stage stage-${stage}`}>
        <Notice notice={view?.notice ?? null} />
        {stage === 'attract' && <AttractScreen />}
        {cameraOffered && <CameraSignIn />}
        {stage === 'pin' && <PinPad />}
        {stage === 'mirror' && view && <MirrorScreen view={view} />}
        {stage === 'checkout' && view && view.staff && <StaffConsole view={view} />}
        {stage === 'checkout' && view && <CheckoutScreen view={view} />}
        {stage === 'staff' && view && <StaffConsole view={view} />}
      </main>
    </div>
  );
}
