/**
 * `kiosk sim scanner`: a simulated scanner on a pseudo-terminal. Without --path it makes a socat pty
 * pair and prints the device end for the kiosk config; with --path it writes into an existing tty.
 * Codes come from --send (then it exits) or from stdin, one per line; the scanner's suffix is added.
 */
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TtyWriter, unescapeBytes } from '../../device/sim/line-writer';
import { createPtyPair, SocatMissingError, type PtyPair } from '../../device/sim/pty-pair';
import { exitCodes, type CliIO, type Command } from './io';

const usage =
  'usage: kiosk sim scanner [--path TTY | --dir DIR] [--suffix "\\r"] [--send CODE]... [--delay MS]';

async function sendAll(
  writer: TtyWriter,
  codes: string[],
  suffix: Buffer,
  delayMs: number,
): Promise<void> {
  for (const code of codes) {
    writer.write(Buffer.concat([unescapeBytes(code), suffix]));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

async function readStdinLines(io: CliIO, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') onLine(line.trim());
}

export const simCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      path: { type: 'string' },
      dir: { type: 'string' },
      suffix: { type: 'string', default: '\\r' },
      send: { type: 'string', multiple: true },
      delay: { type: 'string', default: '50' },
    },
  });
  if (positionals[0] !== 'scanner') {
    io.err(`${usage}\n(card, rfid and printer simulators arrive with the device layer)`);
    return exitCodes.usage;
  }
  let pair: PtyPair | null = null;
  let path = values.path;
  if (!path) {
    try {
      pair = await createPtyPair(
        values.dir ?? join(tmpdir(), `kiosk-sim-${process.pid}`),
        'scanner',
      );
    } catch (error) {
      if (error instanceof SocatMissingError) {
        io.err(error.message);
        return exitCodes.failed;
      }
      throw error;
    }
    path = pair.simPath;
    io.out(`simulated scanner ready: point the kiosk config at "path": "${pair.devicePath}"`);
  }
  const writer = new TtyWriter(path);
  const suffix = unescapeBytes(values.suffix);
  try {
    if (values.send?.length) {
      await sendAll(writer, values.send, suffix, Number(values.delay) || 0);
      io.out(`sent ${values.send.length} code(s)`);
    } else {
      io.out('type a code and press Enter to scan it (Ctrl+D to stop)');
      await readStdinLines(io, (line) =>
        writer.write(Buffer.concat([unescapeBytes(line), suffix])),
      );
    }
  } finally {
    writer.close();
    await pair?.close();
  }
  return exitCodes.ok;
};
