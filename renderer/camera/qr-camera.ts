/**
 * The screen camera as a QR reader, used only while the shopper asked for it. Frames go to a Web
 * Worker one at a time (a slow decode never piles up frames); nothing is recorded or kept.
 *
 * Guarantees: `stop()` (and every way the scan ends: a code read, the time limit, an error) stops
 * every camera track, so the camera light goes off; `onCode` is called at most once.
 */
import type { WorkerReply, WorkerRequest } from './qr-messages';

export interface QrCameraOptions {
  video: HTMLVideoElement;
  onCode(text: string): void;
  /** The camera is unavailable or was refused; or the time limit passed with no code. */
  onEnd(reason: 'no-camera' | 'timeout'): void;
  timeoutMs?: number;
  frameEveryMs?: number;
}

export interface QrCamera {
  stop(): void;
}

export function startQrCamera(options: QrCameraOptions): QrCamera {
  const { video } = options;
  let stream: MediaStream | null = null;
  let worker: Worker | null = null;
  let busy = false;
  let stopped = false;
  let frameId = 0;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(ticker);
    clearTimeout(limit);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    worker?.terminate();
    worker = null;
  };
  const limit = setTimeout(() => {
    if (stopped) return;
    stop();
    options.onEnd('timeout');
  }, options.timeoutMs ?? 30_000);

  const grab = () => {
    if (stopped || busy || !worker || !context || video.readyState < 2) return;
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (width === 0 || height === 0) return;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    frameId += 1;
    busy = true;
    const request: WorkerRequest = { id: frameId, width, height, buffer: pixels.data.buffer };
    worker.postMessage(request, [request.buffer]);
  };
  const ticker = setInterval(grab, options.frameEveryMs ?? 120);

  const fail = () => {
    if (stopped) return;
    stop();
    options.onEnd('no-camera');
  };

  if (!navigator.mediaDevices?.getUserMedia) {
    queueMicrotask(fail);
    return { stop };
  }
  worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    busy = false;
    const text = event.data.text;
    if (stopped || !text) return;
    stop();
    options.onCode(text);
  };
  worker.onerror = fail;
  navigator.mediaDevices
    .getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
    .then((media) => {
      if (stopped) {
        media.getTracks().forEach((track) => track.stop());
        return;
      }
      stream = media;
      video.srcObject = media;
      void video.play().catch(() => undefined);
    })
    .catch(fail);
  return { stop };
}
