/**
 * The kiosk window's and the staff exit dialog's shape: full-screen kiosk mode with no frame or
 * menu bar, and a small modal dialog. Their web preferences (CONVENTIONS 13: isolated, sandboxed,
 * no Node, web security on, no devtools in production) are written literally at each
 * `new BrowserWindow({...})` (electron/main.ts, staff-exit-window.ts), where Electronegativity
 * checks them without an exception list.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowEnv {
  /** Packaged, or not explicitly started for development: devtools off. */
  production: boolean;
}

/** Options without web preferences: those are written at the constructor call. */
export type WindowShape = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

export function kioskWindowOptions(env: WindowEnv): WindowShape {
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
  };
}

export function staffExitWindowOptions(): WindowShape {
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
  };
}
