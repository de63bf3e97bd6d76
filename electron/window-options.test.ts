import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, staffExitWindowOptions } from './window-options';

const production = { production: true, preloadPath: '/app/dist-electron/preload.cjs' };
const development = { ...production, production: false };

describe('kioskWindowOptions', () => {
  it('isolates and sandboxes the renderer with no Node (CONVENTIONS 13)', () => {
    for (const options of [
      kioskWindowOptions(production),
      kioskWindowOptions(development),
      staffExitWindowOptions(production),
    ]) {
      expect(options.webPreferences).toMatchObject({
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
        disableBlinkFeatures: 'Auxclick',
        preload: '/app/dist-electron/preload.cjs',
      });
    }
  });
  it('opens in kiosk mode, full screen, frameless, hidden until painted', () => {
    expect(kioskWindowOptions(production)).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      show: false,
      autoHideMenuBar: true,
      resizable: false,
    });
  });
  it('has no devtools and no closable window in production', () => {
    expect(kioskWindowOptions(production).webPreferences?.devTools).toBe(false);
    expect(kioskWindowOptions(production).closable).toBe(false);
    expect(staffExitWindowOptions(production).webPreferences?.devTools).toBe(false);
  });
  it('allows devtools only in development', () => {
    expect(kioskWindowOptions(development).webPreferences?.devTools).toBe(true);
  });
  it('opens the staff dialog as a small modal on top', () => {
    expect(staffExitWindowOptions(production)).toMatchObject({
      modal: true,
      alwaysOnTop: true,
      width: 480,
      skipTaskbar: true,
    });
  });
});
