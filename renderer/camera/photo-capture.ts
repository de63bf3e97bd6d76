/**
 * The camera for a consented try-on photo: a live preview while the shopper frames the shot, one
 * frame taken as JPEG on "take photo". Nothing is recorded; `stop` turns the camera off.
 */
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

/** The current frame as base64 JPEG (no data: prefix), or null before the camera has a frame. */
export function captureJpeg(video: HTMLVideoElement): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  const url = canvas.toDataURL('image/jpeg', 0.85);
  const comma = url.indexOf(',');
  return url.startsWith('data:image/jpeg') && comma > 0 ? url.slice(comma + 1) : null;
}
