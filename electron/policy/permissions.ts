/**
 * Permission policy: the only permission the kiosk ever grants is the camera (video capture), and
 * only to the main frame of our own origin. Microphone, screen capture, geolocation,
 * notifications, WebHID/WebSerial/WebUSB (devices are owned by the host), clipboard, fullscreen
 * requests from content, etc. are refused, as is the camera for any other origin or a subframe.
 */
import { originOf } from '../app-protocol';

export interface PermissionQuery {
  /** Electron's permission name (`media`, `geolocation`, `notifications`, ...). */
  permission: string;
  /** The origin (or URL) of the requesting frame, as Electron reports it. */
  requestingOrigin: string | null | undefined;
  /** For `media`: what is asked for; a request lists every type, a check has one. */
  mediaTypes: readonly string[];
  isMainFrame: boolean;
}

export function isPermissionGranted(query: PermissionQuery, ourOrigin: string | null): boolean {
  if (ourOrigin === null || query.permission !== 'media') return false;
  if (!query.isMainFrame) return false;
  if (originOf(query.requestingOrigin) !== ourOrigin.toLowerCase()) return false;
  return query.mediaTypes.length > 0 && query.mediaTypes.every((type) => type === 'video');
}

/** Device chooser permissions (`hid`, `serial`, `usb`) are never granted to page content. */
export function isDevicePermissionGranted(): boolean {
  return false;
}
