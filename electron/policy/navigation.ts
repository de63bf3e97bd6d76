/**
 * Navigation policy: the kiosk window only ever shows its own origin. Anything else (a link, a
 * redirect, `window.open`, a `<webview>`) is refused; nothing is handed to the OS browser either
 * (CONVENTIONS 13: no `shell.openExternal`).
 */
import { originOf } from '../app-protocol';

/** True only when `url` is on exactly `allowedOrigin` (scheme, host and port). */
export function isNavigationAllowed(url: string, allowedOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === allowedOrigin.toLowerCase();
}

/** Every `window.open` / `target=_blank` is denied: a kiosk never opens a second window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}
