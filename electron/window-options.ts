/**
 * The kiosk window's options (CONVENTIONS 13): an isolated, sandboxed renderer with no Node,
 * web security on, full-screen kiosk mode, no menu bar, no devtools in production. The staff exit
 * dialog uses the same web preferences in a small modal window.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowEnv {
  /** Packaged, or not explicitly started for development: devtools off. */
  production: boolean;
  /** Absolute path of the bundled (CJS) preload. */
  preloadPath: string;
}

export function lockedWebPreferences(env: WindowEnv): WebPreferences {
  return {
    preload: env.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click could open links in new windows; there is no use for it on a touch kiosk.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    devTools: !env.production,
    // A kiosk screen is always in front: keep timers and rendering at full speed.
    backgroundThrottling: false,
    safeDialogs: true,
    disableDialogs: env.production,
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export function kioskWindowOptions(env: WindowEnv): BrowserWindowConstructorOptions {
  return {
    title: 'Seed Kiosk',
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    closable: env.production ? false : true,
    minimizable: false,
    maximizable: false,
    resizable: false,
    movable: false,
    // Shown once the first page has painted, so the shopper never sees a white flash.
    show: false,
    backgroundColor: '#000000',
    webPreferences: lockedWebPreferences(env),
  };
}

export function staffExitWindowOptions(env: WindowEnv): BrowserWindowConstructorOptions {
  return {
    title: 'Staff exit',
    modal: true,
    alwaysOnTop: true,
    width: 480,
    height: 420,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    show: false,
    backgroundColor: '#111111',
    webPreferences: lockedWebPreferences(env),
  };
}
