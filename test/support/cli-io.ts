/** A command's IO for in-process CLI tests: what it printed, line by line, and a kiosk data dir. */
import { Readable } from 'node:stream';
import type { CliIO } from '../../host/cli/io';

export interface CapturedIO {
  io: CliIO;
  out: string[];
  err: string[];
  /** Forgets what was printed so far. */
  clear(): void;
}

export function capturedIO(dataDir: string): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { KIOSK_DATA_DIR: dataDir },
      stdin: Readable.from([]),
    },
    out,
    err,
    clear() {
      out.length = 0;
      err.length = 0;
    },
  };
}
