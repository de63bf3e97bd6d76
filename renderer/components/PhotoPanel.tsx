import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../bridge/views';
import { captureJpeg, startPreview } from '../camera/photo-capture';
import { useKiosk } from '../store/context';

type Stage = 'idle' | 'consent' | 'camera';

/**
 * The optional try-on photo: a consent screen first; then a preview and one tap to take it. The
 * host keeps it encrypted and deletes it at the end of the visit unless the shopper sends it.
 */
export function PhotoPanel({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [stage, setStage] = useState<Stage>('idle');
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (stage !== 'camera' || !video.current) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void startPreview(video.current).then((s) => {
      if (cancelled) s?.();
      else stop = s;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [stage]);

  const take = async () => {
    if (!video.current) return;
    const image = captureJpeg(video.current);
    if (!image) return;
    const result = await kiosk['mirror.photo']({ imageBase64: image });
    const added = result.ok ? result.value.photo.photos.at(-1) : undefined;
    if (added) setPreviews((p) => ({ ...p, [added.photoId]: `data:image/jpeg;base64,${image}` }));
    setStage('idle');
  };

  return (
    <section className="panel photo-panel" aria-labelledby="photo-title">
      <h2 id="photo-title">{t('photo.title')}</h2>
      {stage === 'consent' && (
        <div role="group" aria-label={t('photo.consentTitle')}>
          <p>{t('photo.consentText')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              void kiosk['mirror.photoConsent']({ granted: true });
              setStage('camera');
            }}
          >
            {t('photo.agree')}
          </button>
          <button type="button" className="secondary" onClick={() => setStage('idle')}>
            {t('photo.decline')}
          </button>
        </div>
      )}
      {stage === 'camera' && (
        <div>
          <video ref={video} className="camera-preview" muted playsInline aria-hidden="true" />
          <button type="button" className="primary" onClick={() => void take()}>
            {t('photo.take')}
          </button>
          <button type="button" className="secondary" onClick={() => setStage('idle')}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {stage === 'idle' && (
        <button type="button" onClick={() => setStage(view.photo.consented ? 'camera' : 'consent')}>
          {t(view.photo.photos.length > 0 ? 'photo.another' : 'photo.start')}
        </button>
      )}
      <ul className="photos">
        {view.photo.photos.map((p, index) => (
          <li key={p.photoId}>
            {previews[p.photoId] && (
              <img src={previews[p.photoId]} alt={t('photo.alt', { n: index + 1 })} width="160" />
            )}
            {p.send ? (
              <span>{t('photo.sending')}</span>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => void kiosk['mirror.sendPhoto']({ photoId: p.photoId })}
                >
                  {t('photo.send')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void kiosk['mirror.discardPhoto']({ photoId: p.photoId })}
                >
                  {t('photo.discard')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
