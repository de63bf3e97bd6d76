import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../bridge/views';
import { captureJpeg, startPreview } from '../camera/photo-capture';
import { useKiosk } from '../store/context';

type Stage = 'idle' | 'consent' | 'camera';

/**
 * The photo just taken, drawn on a canvas from the camera frame: the screen's CSP takes images
 * from its own origin only, so no data: URL of the shopper's photo is ever made.
 */
function PhotoPreview({ frame, label }: { frame: ImageBitmap; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    canvas.current
      ?.getContext('2d')
      ?.drawImage(frame, 0, 0, 160, (160 * frame.height) / frame.width);
  }, [frame]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      width="160"
      height={Math.round((160 * frame.height) / Math.max(1, frame.width))}
    />
  );
}

/**
 * The optional try-on photo: a consent screen first; then a preview and one tap to take it. The
 * host keeps it encrypted and deletes it at the end of the visit unless the shopper sends it.
 */
export function PhotoPanel({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [stage, setStage] = useState<Stage>('idle');
  const [previews, setPreviews] = useState<Record<string, ImageBitmap>>({});
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
    const frame = await createImageBitmap(video.current).catch(() => null);
    const result = await kiosk['mirror.photo']({ imageBase64: image });
    const added = result.ok ? result.value.photo.photos.at(-1) : undefined;
    if (added && frame) setPreviews((p) => ({ ...p, [added.photoId]: frame }));
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
        {view.photo.photos.map((p, index) => {
          const frame = previews[p.photoId];
          return (
            <li key={p.photoId}>
              {frame && <PhotoPreview frame={frame} label={t('photo.alt', { n: index + 1 })} />}
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
          );
        })}
      </ul>
    </section>
  );
}
