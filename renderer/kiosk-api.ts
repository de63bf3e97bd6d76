/** The renderer's only door to the host: `window.kiosk` from the Electron preload, or the web shell's WebSocket. */
import type { KioskApi } from '../bridge/contract';
import { createWsClient } from '../bridge/ws-client';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export function connectKiosk(onConnectionChange: (connected: boolean) => void): KioskApi {
  if (window.kiosk) {
    onConnectionChange(true);
    return window.kiosk;
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient({ url: `${scheme}://${window.location.host}/bridge`, onConnectionChange });
}
