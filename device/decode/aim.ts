/**
 * AIM symbology identifiers (ISO/IEC 15424): "]" + symbology letter + modifier character, sent by
 * scanners in front of the data (or handed over separately by a transport as `symbologyHint`).
 * They settle what bare data cannot: ]C1/]d2/]Q3/]e0/]J1 mean "GS1 element string", ]E0 8 digits
 * mean UPC-E, ]E3 carries an add-on.
 */

/** How the data after the identifier is to be read. */
export type AimMode = 'ean' | 'ean-8' | 'add-on' | 'ean-with-add-on' | 'itf' | 'gs1' | 'generic';

export interface Aim {
  /** The identifier itself, e.g. "]E0". */
  id: string;
  mode: AimMode;
  /** Symbology name used in results. */
  symbology: string;
}

const exact: Readonly<Record<string, readonly [AimMode, string]>> = {
  ']E0': ['ean', 'EAN-13'],
  ']E1': ['add-on', 'EAN-2'],
  ']E2': ['add-on', 'EAN-5'],
  ']E3': ['ean-with-add-on', 'EAN-13'],
  ']E4': ['ean-8', 'EAN-8'],
  ']I0': ['itf', 'ITF-14'],
  ']I1': ['itf', 'ITF-14'],
  ']C1': ['gs1', 'GS1-128'],
  ']d2': ['gs1', 'GS1 DataMatrix'],
  ']Q3': ['gs1', 'GS1 QR'],
  ']e0': ['gs1', 'GS1 DataBar'],
  ']J1': ['gs1', 'GS1 DotCode'],
};

/** Names for the other symbologies by their letter; their data is recognised by content. */
// prettier-ignore
const byLetter: Readonly<Record<string, string>> = {
  A: 'Code 39', C: 'Code 128', d: 'DataMatrix', Q: 'QR', L: 'PDF417', z: 'Aztec', G: 'Code 93',
  F: 'Codabar', I: 'ITF', J: 'DotCode', e: 'GS1 DataBar', E: 'EAN/UPC', X: 'other',
};

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True when `text` starts with a syntactically valid AIM identifier. */
export function hasAimPrefix(text: string): boolean {
  if (text.length < 3 || text.charCodeAt(0) !== 0x5d) return false;
  const letter = text.charCodeAt(1);
  return isAlnum(letter) && !(letter >= 48 && letter <= 57) && isAlnum(text.charCodeAt(2));
}

/** Reads the AIM identifier at the start of `text` (check `hasAimPrefix` first). */
export function parseAim(text: string): Aim {
  const id = text.slice(0, 3);
  const known = exact[id];
  if (known) return { id, mode: known[0], symbology: known[1] };
  return { id, mode: 'generic', symbology: byLetter[id[1] ?? ''] ?? id };
}
