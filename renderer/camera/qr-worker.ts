/// <reference lib="webworker" />
/**
 * The camera's QR decoder, off the main thread: receives one frame at a time, answers with the
 * text or null. Frames are never kept.
 */
import { decodeQrFrame } from './qr-decode';
import type { WorkerReply, WorkerRequest } from './qr-messages';

// The project's lib is the DOM's, where `self` is a Window; in this file it is the worker's scope.
// eslint-disable-next-line local/no-dangerous-type-assertions -- TypeScript cannot type `self` per file
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, width, height, buffer } = event.data;
  const text = decodeQrFrame({ width, height, rgba: new Uint8ClampedArray(buffer) });
  const reply: WorkerReply = { id, text };
  scope.postMessage(reply);
};
