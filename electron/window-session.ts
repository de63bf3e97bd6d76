/**
 * Each window has a session of its own, one partition per origin: the kiosk window's serves only
 * `kiosk://app` (renderer and product images), the staff exit dialog's only `kiosk://staff`. The
 * origin's preload is registered on its session and matches only that origin's URLs, so a preload
 * never runs on a page it was not written for, and no `preload` appears in a `new BrowserWindow`:
 * Electronegativity checks the web preferences with no exception. Every session gets the lockdown.
 */
import type { Session } from 'electron';
import type { Logger } from 'pino';
import type { MediaSource } from '../host/media/media-route';
import { handleAppProtocol } from './app-protocol';
import { lockDownSession } from './lockdown';

export interface WindowSessionSpec {
  /** Electron partition; `persist:` keeps its HTTP and code caches across restarts (the screens store nothing). */
  partition: string;
  /** The one origin this session serves, e.g. `kiosk://app`. */
  origin: string;
  /** The folder served at that origin. */
  root: string;
  /** Absolute path of the bundled (CJS) preload for that origin. */
  preloadPath: string;
  /** Only the kiosk window may use the camera (mirror photos with consent). */
  camera: boolean;
  media?: MediaSource | null;
}

export interface WindowSessionDeps {
  fromPartition(partition: string): Session;
  csp: string;
  log: Logger;
}

/** `kiosk://app` → `app`, the host the protocol handler maps to a folder. */
function hostOf(origin: string): string {
  return new URL(origin).host;
}

export function prepareWindowSession(spec: WindowSessionSpec, deps: WindowSessionDeps): Session {
  const session = deps.fromPartition(spec.partition);
  session.registerPreloadScript({
    id: `${hostOf(spec.origin)}-preload`,
    type: 'frame',
    filePath: spec.preloadPath,
    matches: [`${spec.origin}/*`],
  });
  lockDownSession(session, spec.camera ? spec.origin : null, deps.log);
  handleAppProtocol(
    session.protocol,
    { [hostOf(spec.origin)]: spec.root },
    deps.csp,
    (url, error) => deps.log.warn({ url, err: error }, 'app protocol read failed'),
    spec.media ?? null,
  );
  return session;
}
