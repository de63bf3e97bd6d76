/**
 * Types text as HID boot-keyboard reports, the way a wedge scanner does (press report, then the
 * all-zero release report): the inverse of `KeyboardWedgeDecoder`, for the simulator and tests.
 */
import { charToKey } from './us-layout';

export const RELEASE_REPORT: Uint8Array = new Uint8Array(8);

/** Reports for `text`; characters the US layout cannot type are skipped. */
export function encodeKeyboardReports(
  text: string,
  options: { release?: boolean } = {},
): Uint8Array[] {
  const release = options.release ?? true;
  const reports: Uint8Array[] = [];
  let last = -1;
  for (const char of text) {
    const key = charToKey(char);
    if (!key) continue;
    // Without release reports the same key twice in a row would read as one press.
    if (!release && key[1] === last) reports.push(RELEASE_REPORT.slice());
    reports.push(Uint8Array.of(key[0], 0, key[1], 0, 0, 0, 0, 0));
    if (release) reports.push(RELEASE_REPORT.slice());
    last = key[1];
  }
  return reports;
}
