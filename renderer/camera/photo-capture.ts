/**
 * The camera for a consented try-on photo: a live preview while the shopper frames the shot, one
 * frame taken as JPEG on "take photo". Nothing is recorded; `stop` turns the camera off.
 */
import { maxPhotoBase64Chars } from '../../bridge/areas/mirror';

export async function startPreview(video: HTMLVideoElement): Promise<(() => void) | null> {
  if (!navigator.mediaDevices?.getUserMedia) return null;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
    video.srcObject = stream;
    void video.play().catch(() => undefined);
    return () => {
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
    };
  } catch {
    return null;
  }
}

/** The photo's long side at most: plenty for a phone, and it keeps the JPEG well under the limit. */
const maxLongSide = 1280;
const qualities = [0.85, 0.7, 0.5];

/**
 * The current frame as base64 JPEG (no data: prefix), scaled to at most 1280 px on its long side
 * and never over the bridge's photo limit; null before the camera has a frame.
 */
export function captureJpeg(video: HTMLVideoElement): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const scale = Math.min(1, maxLongSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const quality of qualities) {
    const url = canvas.toDataURL('image/jpeg', quality);
    const comma = url.indexOf(',');
    const base64 = url.startsWith('data:image/jpeg') && comma > 0 ? url.slice(comma + 1) : null;
    if (base64 === null) return null;
    if (base64.length <= maxPhotoBase64Chars) return base64;
  }
  return null;
}
