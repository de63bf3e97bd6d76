/** The renderer's only door to the host: `window.kiosk` from the Electron preload, or the web shell's WebSocket. */
import { methodNames, type KioskApi } from '../bridge/contract';
import { err } from '../bridge/result';
import { createWsClient } from '../bridge/ws-client';
import { isSessionToken } from '../bridge/wire';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

/**
 * The web shell's session token from the address (`#t=…`, which `kiosk start` opens), taken out
 * of the address bar at once and kept only in this page's memory: never in storage or a cookie.
 */
export function takeSessionToken(location: Location, history: History): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('t');
  if (token !== null) history.replaceState(history.state, '', location.pathname + location.search);
  return token !== null && isSessionToken(token) ? token : null;
}

/** Opened without its token, the page cannot reach the host: every call says so at once. */
function unreachableKiosk(): KioskApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames)
    api[method] = () => Promise.resolve(err('unavailable', 'opened without the session key'));
  api.on = () => () => undefined;
  return api as KioskApi;
}

export interface KioskConnection {
  onConnectionChange(connected: boolean): void;
  /** The page was opened without the web shell's session token. */
  onNoSessionKey(): void;
}

export function connectKiosk(connection: KioskConnection): KioskApi {
  if (window.kiosk) {
    connection.onConnectionChange(true);
    return window.kiosk;
  }
  const token = takeSessionToken(window.location, window.history);
  if (token === null) {
    connection.onNoSessionKey();
    return unreachableKiosk();
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient({
    url: `${scheme}://${window.location.host}/bridge`,
    token,
    onConnectionChange: connection.onConnectionChange,
  });
}
