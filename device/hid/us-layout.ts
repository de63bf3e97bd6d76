/**
 * HID keyboard usage codes (HID Usage Tables, page 0x07) to characters for the US layout.
 * Each entry is [unshifted, shifted].
 */

export const USAGE_ENTER = 0x28;
export const USAGE_TAB = 0x2b;
export const USAGE_KEYPAD_ENTER = 0x58;
export const USAGE_ROLLOVER_ERROR = 0x01;

export const MOD_LEFT_CTRL = 0x01;
export const MOD_LEFT_SHIFT = 0x02;
export const MOD_LEFT_ALT = 0x04;
export const MOD_RIGHT_CTRL = 0x10;
export const MOD_RIGHT_SHIFT = 0x20;
export const MOD_RIGHT_ALT = 0x40;
export const MOD_SHIFT = MOD_LEFT_SHIFT | MOD_RIGHT_SHIFT;
export const MOD_CTRL = MOD_LEFT_CTRL | MOD_RIGHT_CTRL;
export const MOD_ALT = MOD_LEFT_ALT | MOD_RIGHT_ALT;

const table = new Map<number, readonly [string, string]>();

for (let i = 0; i < 26; i++) {
  const lower = String.fromCharCode(0x61 + i);
  table.set(0x04 + i, [lower, lower.toUpperCase()]);
}
const digits = '1234567890';
const shiftedDigits = '!@#$%^&*()';
for (let i = 0; i < 10; i++) table.set(0x1e + i, [digits[i] ?? '', shiftedDigits[i] ?? '']);

const punctuation: ReadonlyArray<readonly [number, string, string]> = [
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x32, '\\', '|'], // "Non-US # and ~": on a US keyboard the same key as 0x31
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  // Keypad (scanners set to "keypad digits" or Num Lock on); 0x58 Enter is handled separately.
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x63, '.', '.'],
];
for (const [usage, plain, shifted] of punctuation) table.set(usage, [plain, shifted]);

/** Keypad 1..9, 0 are usages 0x59..0x62; returns the digit or null. */
export function keypadDigit(usage: number): number | null {
  if (usage >= 0x59 && usage <= 0x61) return usage - 0x58;
  if (usage === 0x62) return 0;
  return null;
}

/** The character a key press types, or null for keys that type nothing we use. */
export function usageToChar(usage: number, modifiers: number): string | null {
  const digit = keypadDigit(usage);
  if (digit !== null) return String(digit);
  const entry = table.get(usage);
  if (!entry) return null;
  const shifted = (modifiers & MOD_SHIFT) !== 0;
  const char = shifted ? entry[1] : entry[0];
  if ((modifiers & MOD_CTRL) !== 0) {
    // Ctrl + a key in '@'..'_' types the control character (Ctrl+] = GS 0x1D, the GS1 separator).
    const code = char.toUpperCase().charCodeAt(0);
    if (code >= 0x40 && code <= 0x5f) return String.fromCharCode(code & 0x1f);
    return null;
  }
  return char;
}

/**
 * US-layout key strokes for one character, the inverse of `usageToChar` (for the simulator and
 * tests): [modifiers, usage], or null for a character the layout cannot type.
 */
export function charToKey(char: string): readonly [number, number] | null {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return [0, USAGE_ENTER];
  if (char === '\t') return [0, USAGE_TAB];
  if (code >= 0x01 && code <= 0x1f) {
    // Control characters as Ctrl + the key of code + 0x40 ('@'..'_').
    const key = charToKey(String.fromCharCode(code + 0x40));
    return key ? [key[0] | MOD_LEFT_CTRL, key[1]] : null;
  }
  for (const [usage, [plain, shifted]] of table) {
    if (usage >= 0x54) continue; // prefer the main keys over the keypad
    if (plain === char) return [0, usage];
    if (shifted === char) return [MOD_LEFT_SHIFT, usage];
  }
  return null;
}
