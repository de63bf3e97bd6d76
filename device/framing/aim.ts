/**
 * Splits a leading AIM symbology identifier (ISO/IEC 15424: "]" + code character + modifier)
 * off a scanned frame. Guarantees: never throws; when the frame does not start with a well-formed
 * identifier, `aim` and `symbology` are null and `data` is the whole frame. `data` is a copy.
 */

/** Exact identifiers worth naming; the rest are named by their code character below. */
const exact: Readonly<Record<string, string>> = {
  ']A0': 'Code 39',
  ']A1': 'Code 39',
  ']A3': 'Code 39',
  ']A4': 'Code 39 Full ASCII',
  ']C0': 'Code 128',
  ']C1': 'GS1-128',
  ']C2': 'Code 128',
  ']E0': 'EAN-13/UPC-A/UPC-E',
  ']E1': 'EAN-2 add-on',
  ']E2': 'EAN-5 add-on',
  ']E3': 'EAN/UPC with add-on',
  ']E4': 'EAN-8',
  ']I0': 'ITF',
  ']I1': 'ITF',
  ']I3': 'ITF',
  ']d0': 'DataMatrix',
  ']d1': 'DataMatrix',
  ']d2': 'GS1 DataMatrix',
  ']Q0': 'QR',
  ']Q1': 'QR',
  ']Q3': 'GS1 QR',
  ']Q5': 'GS1 QR',
  ']e0': 'GS1 DataBar',
  ']J0': 'DotCode',
  ']J1': 'GS1 DotCode',
  ']L0': 'PDF417',
  ']L2': 'MicroPDF417',
  ']z0': 'Aztec',
  ']F0': 'Codabar',
  ']G0': 'Code 93',
};

const byCode: Readonly<Record<string, string>> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'DataMatrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'ITF',
  J: 'DotCode',
  L: 'PDF417',
  M: 'MSI',
  Q: 'QR',
  S: 'Standard 2 of 5',
  U: 'MaxiCode',
  X: 'Other',
  z: 'Aztec',
};

export interface AimSplit {
  /** The identifier, e.g. "]C1", or null when the frame has none. */
  aim: string | null;
  symbology: string | null;
  data: Uint8Array;
}

function isLetter(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
}

function isModifier(c: number | undefined): boolean {
  return c !== undefined && (isLetter(c) || (c >= 0x30 && c <= 0x39));
}

/** The symbology name for a known identifier string, or null. */
export function aimSymbology(aim: string): string | null {
  return exact[aim] ?? byCode[aim[1] ?? ''] ?? null;
}

export function splitAim(bytes: Uint8Array): AimSplit {
  if (bytes[0] === 0x5d && isLetter(bytes[1]) && isModifier(bytes[2])) {
    const aim = String.fromCharCode(0x5d, bytes[1] ?? 0, bytes[2] ?? 0);
    return { aim, symbology: aimSymbology(aim), data: bytes.slice(3) };
  }
  return { aim: null, symbology: null, data: bytes.slice() };
}
