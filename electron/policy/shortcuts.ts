/**
 * Keyboard policy for the kiosk window (fed from `before-input-event`, so it sees keys before the
 * page and before Chromium's own accelerators). Key chords that would close the window, quit,
 * leave fullscreen, open devtools, reload, print or zoom are swallowed. OS-level chords (Alt+Tab,
 * Ctrl+Alt+Del, the Windows key) never reach the app: they are locked down by the OS kiosk setup
 * (see docs/install.md). One hidden chord opens the staff exit dialog.
 */

/** The parts of Electron's `Input` the policy reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export type ShortcutDecision = 'pass' | 'block' | 'staff-exit';

/** Ctrl+Alt+Shift+F10: needs a keyboard and two hands, so a shopper does not find it by chance. */
export const staffExitChord = 'Control+Alt+Shift+F10';

function chordOf(input: KeyInput): string {
  const parts: string[] = [];
  // Cmd on macOS plays the role of Ctrl for the same shortcuts.
  if (input.control || input.meta) parts.push('Control');
  if (input.alt) parts.push('Alt');
  if (input.shift) parts.push('Shift');
  const key = input.key.length === 1 ? input.key.toUpperCase() : input.key;
  parts.push(key);
  return parts.join('+');
}

/** Blocked in every build: leaving the kiosk window. */
const alwaysBlocked = new Set([
  'Alt+F4',
  'Control+W',
  'Control+Shift+W',
  'Control+Q',
  'Control+Shift+Q',
  'Control+F4',
  'F11',
  'Control+P',
  'Control+Shift+P',
  'Control+O',
  'Control+S',
  'Control+N',
  'Control+Shift+N',
  'Control+T',
]);

/** Blocked in production only: developer tools, reloads and zoom. */
const productionBlocked = new Set([
  'F12',
  'Control+Shift+I',
  'Control+Shift+J',
  'Control+Shift+C',
  'Control+Alt+I',
  'F5',
  'Control+F5',
  'Shift+F5',
  'Control+R',
  'Control+Shift+R',
  'Control+=',
  'Control++',
  'Control+Shift++',
  'Control+-',
  'Control+0',
]);

export function shortcutDecision(input: KeyInput, production: boolean): ShortcutDecision {
  const chord = chordOf(input);
  if (chord === staffExitChord) return input.type === 'keyDown' ? 'staff-exit' : 'block';
  if (alwaysBlocked.has(chord)) return 'block';
  if (production && productionBlocked.has(chord)) return 'block';
  return 'pass';
}
