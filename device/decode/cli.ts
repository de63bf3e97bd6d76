/**
 * The pieces behind `kiosk decode [TEXT...]` and `kiosk decode --stdin`: decode each input to one
 * JSON line, split raw stdin into scans without touching their bytes (GS 0x1D passes through),
 * and an opt-in way to type GS on a command line.
 */
import { decode } from './decode';
import type { DecodeOptions } from './result';

/** Writes one JSON line per input (in order) and returns how many inputs failed to decode. */
export function runDecode(
  inputs: Iterable<Uint8Array | string>,
  write: (line: string) => void,
  options?: DecodeOptions,
): number {
  let failed = 0;
  for (const input of inputs) {
    const result = decode(input, options);
    if (!result.ok) failed++;
    write(JSON.stringify(result));
  }
  return failed;
}

/**
 * Splits stdin into lines on LF, dropping one CR before each LF (CRLF files) and the empty line
 * after a final LF. Lines are views into `buf` (no copy); every other byte, GS included, is kept.
 */
export function splitStdinLines(buf: Buffer): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  while (start <= buf.length) {
    let end = buf.indexOf(0x0a, start);
    const last = end === -1;
    if (last) end = buf.length;
    if (last && start === buf.length) break; // nothing after the final LF (or empty input)
    const stop = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
    lines.push(buf.subarray(start, stop));
    start = end + 1;
  }
  return lines;
}

/**
 * For argv text only: a shell cannot easily pass the GS control character, so the visible
 * `<GS>` (as the host's scan log prints it) and the escape `\x1D` (any case) both become GS.
 * The CLI applies this to TEXT arguments; `--stdin` bytes are never rewritten. `decode` itself
 * never does this: a real scanner sends a real GS.
 */
export function argvToInput(text: string): string {
  return text.replace(/<GS>|\\x1d/gi, '\x1d');
}
