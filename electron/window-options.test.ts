import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, staffExitWindowOptions } from './window-options';

const production = { production: true };
const development = { ...production, production: false };

// The web preferences are written at each `new BrowserWindow` and checked where main runs them
// (main.test.ts) and by Electronegativity (electronegativity.test.ts).
describe('window shapes', () => {
  it('opens the kiosk in kiosk mode, full screen, frameless, hidden until painted', () => {
    expect(kioskWindowOptions(production)).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      show: false,
      closable: false,
      minimizable: false,
    });
    expect(kioskWindowOptions(development).closable).toBe(true);
  });
  it('makes the staff exit dialog a small modal on top', () => {
    expect(staffExitWindowOptions()).toMatchObject({
      modal: true,
      alwaysOnTop: true,
      frame: false,
      skipTaskbar: true,
    });
  });
  it('leaves the web preferences to the constructor call', () => {
    expect(kioskWindowOptions(production)).not.toHaveProperty('webPreferences');
    expect(staffExitWindowOptions()).not.toHaveProperty('webPreferences');
  });
});
