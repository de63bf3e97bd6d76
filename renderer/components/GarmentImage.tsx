import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaPath, type ImageSize } from '../../bridge/media-path';
import type { ImageRef } from '../../bridge/views';
import { useAppState } from '../store/context';

/** The box each size is laid out in (3:4, the catalog's packshot shape), so nothing jumps. */
const BOX: Record<ImageSize, { width: number; height: number }> = {
  screen: { width: 360, height: 480 },
  thumb: { width: 72, height: 96 },
};

/**
 * A garment's picture from the kiosk's own origin, or a calm placeholder (never a broken-image
 * icon) while the kiosk does not have it, when the catalog has none, or if it fails to load.
 * The mirror's large picture decodes synchronously: it is painted in the frame that shows the
 * card (renderer/media/image-gate.ts has it decoded before the card is committed).
 */
export function GarmentImage({
  image,
  size,
}: {
  image: ImageRef | null | undefined;
  size: ImageSize;
}) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  const [failed, setFailed] = useState<string | null>(null);
  const hash = image?.hash ?? null;
  const alt = image ? (language === 'en' ? image.alt.en : image.alt.zh) : t('media.noImage');
  const className = `garment-image garment-image-${size}`;
  if (hash && failed !== hash)
    return (
      <img
        className={className}
        src={mediaPath(hash, size)}
        alt={alt}
        {...BOX[size]}
        decoding={size === 'screen' ? 'sync' : 'async'}
        draggable={false}
        onError={() => setFailed(hash)}
      />
    );
  return (
    <span className={`${className} image-placeholder`} role="img" aria-label={alt} data-placeholder>
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <path d="M24 14a4 4 0 1 1 4 4c-2 0-4 1.5-4 4v2M24 24 6 36h36Z" />
      </svg>
    </span>
  );
}
