/** Writes raw bytes into a tty path (the simulator's end of a pty pair, or any serial device). */
import { closeSync, constants, openSync, writeSync } from 'node:fs';

export class TtyWriter {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY);
  }

  write(bytes: Uint8Array | string): void {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

const named: Record<string, number> = { r: 0x0d, n: 0x0a, t: 0x09, '\\': 0x5c };

/** Turns `\r`, `\n`, `\t`, `\xHH` escapes typed on a command line into the bytes a scanner sends. */
export function unescapeBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of text.matchAll(/\\(x[0-9a-fA-F]{2}|r|n|t|\\)/g)) {
    parts.push(Buffer.from(text.slice(last, match.index), 'utf8'));
    const code = match[1] ?? '';
    parts.push(Buffer.from([named[code] ?? parseInt(code.slice(1), 16)]));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}
