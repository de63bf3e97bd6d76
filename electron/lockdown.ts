/**
 * Applies the security checklist to Electron objects: every web contents may only show its own
 * origin and never opens windows or webviews; the session grants only the camera to our origin
 * and no device pickers; invalid certificates are never accepted (Electron's default, which no
 * handler here overrides).
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from 'pino';
import { originOf } from './app-protocol';
import { isNavigationAllowed, windowOpenDecision } from './policy/navigation';
import { isDevicePermissionGranted, isPermissionGranted } from './policy/permissions';

/** Our origin per web contents: the kiosk window's is `kiosk://app`, the staff dialog's its own. */
export function lockDownContents(contents: WebContents, allowedOrigin: string, log: Logger): void {
  const refuse = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isNavigationAllowed(url, allowedOrigin)) return;
    event.preventDefault();
    log.warn({ kind, origin: originOf(url) }, 'navigation refused');
  };
  contents.on('will-navigate', refuse('navigate'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url, allowedOrigin)) {
      event.preventDefault();
      log.warn({ kind: 'frame', origin: originOf(event.url) }, 'navigation refused');
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ origin: originOf(url) }, 'new window refused');
    return windowOpenDecision();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'webview refused');
  });
}

/** `cameraOrigin`: the one origin that may use the camera in this session, or none. */
export function lockDownSession(session: Session, cameraOrigin: string | null, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes =
      'mediaTypes' in details && Array.isArray(details.mediaTypes) ? details.mediaTypes : [];
    const origin = originOf(details.requestingUrl);
    const granted = isPermissionGranted(
      { permission, requestingOrigin: origin, mediaTypes, isMainFrame: details.isMainFrame },
      cameraOrigin,
    );
    if (!granted) log.warn({ permission, origin, mediaTypes }, 'permission refused');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      {
        permission,
        requestingOrigin: details.securityOrigin ?? requestingOrigin,
        mediaTypes: details.mediaType ? [details.mediaType] : [],
        isMainFrame: details.isMainFrame,
      },
      cameraOrigin,
    ),
  );
  session.setDevicePermissionHandler(isDevicePermissionGranted);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn({}, 'download refused');
  });
  // Electron refuses a certificate that fails verification by itself (see lockDownApp); say so.
  session.webRequest.onErrorOccurred((details) => {
    if (details.error.startsWith('net::ERR_CERT_'))
      log.warn(
        { origin: originOf(details.url), error: details.error },
        'invalid certificate refused',
      );
  });
}

/**
 * No `certificate-error` handler on purpose: without one Electron refuses every certificate that
 * fails verification, and a handler could only ever add a way to accept one.
 */
export function lockDownApp(app: App): void {
  app.on('select-client-certificate', (event, _contents, _url, _list, callback) => {
    event.preventDefault();
    callback();
  });
  app.on('login', (event, _contents, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
}
