import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startQrCamera } from '../camera/qr-camera';
import { useKiosk } from '../store/context';
import { JoinForm } from './JoinForm';

type CameraState = 'idle' | 'scanning' | 'no-camera' | 'timeout' | 'joining';

/**
 * "Sign in with phone QR": the camera runs only after this tap, only to read the member code,
 * and stops on a code, after 30 s, on cancel, or when this leaves the screen (signed in, visit over).
 */
export function CameraSignIn() {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [state, setState] = useState<CameraState>('idle');
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (state !== 'scanning' || !video.current) return;
    const camera = startQrCamera({
      video: video.current,
      onCode: (text) => {
        setState('idle');
        void kiosk['member.cameraCode']({ text });
      },
      onEnd: (reason) => setState(reason),
    });
    return () => camera.stop();
  }, [state, kiosk]);

  if (state === 'joining') return <JoinForm onClose={() => setState('idle')} />;
  return (
    <section className="panel camera-sign-in" aria-label={t('camera.title')}>
      {state === 'scanning' ? (
        <>
          <p>{t('camera.aim')}</p>
          <video ref={video} className="camera-preview" muted playsInline aria-hidden="true" />
          <p className="camera-privacy">{t('camera.privacy')}</p>
          <button type="button" className="secondary" onClick={() => setState('idle')}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <>
          {state === 'no-camera' && <p role="alert">{t('camera.unavailable')}</p>}
          {state === 'timeout' && <p role="status">{t('camera.timeout')}</p>}
          <button type="button" onClick={() => setState('scanning')}>
            {t('camera.start')}
          </button>
          <button type="button" className="secondary" onClick={() => setState('joining')}>
            {t('join.start')}
          </button>
        </>
      )}
    </section>
  );
}
