/**
 * `kiosk sim scanner|card|rfid|printer`: simulated devices speaking their real bytes on a
 * pseudo-terminal. Without --path each makes a socat pty pair and prints the device end for the
 * kiosk config; with --path it uses an existing tty (the simulator's end).
 *
 *   scanner  codes from --send (then exits) or stdin, one per line; the suffix is added
 *   card     --send TRACKDATA, --member ACCOUNT (a member card in --bin), --uid HEX (badge line),
 *            or stdin lines sent as swipes
 *   rfid     --epc HEX... --reads N --rssi -50 --antenna 1 --protocol ascii|r2000; ascii sends N
 *            reads per tag; r2000 answers N inventory commands with the tags in view
 *   printer  prints each received document as text; answers DLE EOT from --paper ok|near-end|out,
 *            --cover open|closed; runs until stdin ends or --documents N were printed
 */
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { memberCardSwipe, swipeBytes, uidLineBytes } from '../../device/sim/card-sim';
import { TtyWriter, unescapeBytes } from '../../device/sim/line-writer';
import { documentText, PrinterSimulator } from '../../device/sim/printer-sim';
import { createPtyPair, SocatMissingError, type PtyPair } from '../../device/sim/pty-pair';
import { RfidSimulator } from '../../device/sim/rfid-sim';
import { exitCodes, type CliIO, type Command } from './io';
import { memberBinArgument } from './member-bin';

const usage = `usage: kiosk sim scanner [--path TTY | --dir DIR] [--suffix "\\r"] [--send CODE]... [--delay MS]
       kiosk sim card    [--path TTY | --dir DIR] [--send TRACKS]... [--member N] [--bin 628000] [--uid HEX]...
       kiosk sim rfid    [--path TTY | --dir DIR] --epc HEX... [--reads N] [--rssi -50] [--antenna 1] [--protocol ascii|r2000]
       kiosk sim printer [--path TTY | --dir DIR] [--paper ok|near-end|out] [--cover open|closed] [--documents N]`;

const kinds = ['scanner', 'card', 'rfid', 'printer'] as const;
type Kind = (typeof kinds)[number];

const options = {
  path: { type: 'string' },
  dir: { type: 'string' },
  suffix: { type: 'string', default: '\\r' },
  send: { type: 'string', multiple: true },
  delay: { type: 'string', default: '50' },
  member: { type: 'string', multiple: true },
  bin: { type: 'string', default: '628000' },
  uid: { type: 'string', multiple: true },
  epc: { type: 'string', multiple: true },
  reads: { type: 'string', default: '5' },
  rssi: { type: 'string', default: '-50' },
  antenna: { type: 'string', default: '1' },
  protocol: { type: 'string', default: 'ascii' },
  paper: { type: 'string', default: 'ok' },
  cover: { type: 'string', default: 'closed' },
  documents: { type: 'string' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>['values'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readStdinLines(
  io: CliIO,
  onLine: (line: string) => void | Promise<void>,
): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') await onLine(line.trim());
}

/** The simulator's end: --path, or a new pty pair whose device end is printed for the config. */
async function simEnd(
  kind: Kind,
  values: Values,
  io: CliIO,
): Promise<{ path: string; pair: PtyPair | null } | null> {
  if (values.path) return { path: values.path, pair: null };
  try {
    const pair = await createPtyPair(
      values.dir ?? join(tmpdir(), `kiosk-sim-${process.pid}`),
      kind,
    );
    io.out(`simulated ${kind} ready: point the kiosk config at "path": "${pair.devicePath}"`);
    return { path: pair.simPath, pair };
  } catch (error) {
    if (!(error instanceof SocatMissingError)) throw error;
    io.err(error.message);
    return null;
  }
}

async function runLines(
  path: string,
  values: Values,
  io: CliIO,
  kind: 'scanner' | 'card',
): Promise<number> {
  const writer = new TtyWriter(path);
  const delayMs = Number(values.delay) || 0;
  const suffix = unescapeBytes(values.suffix);
  const asBytes = (line: string): Buffer =>
    kind === 'scanner'
      ? Buffer.concat([unescapeBytes(line), suffix])
      : Buffer.concat([unescapeBytes(line), Buffer.from('\r')]);
  const queued: Buffer[] = [
    ...(values.send ?? []).map(asBytes),
    ...(values.member ?? []).map((account) => memberCardSwipe(values.bin, account)),
    ...(values.uid ?? []).map((uid) => uidLineBytes(uid)),
  ];
  try {
    if (queued.length > 0) {
      for (const bytes of queued) {
        writer.write(bytes);
        if (delayMs > 0) await sleep(delayMs);
      }
      io.out(`sent ${queued.length} ${kind === 'scanner' ? 'code' : 'card read'}(s)`);
    } else {
      io.out(
        kind === 'scanner'
          ? 'type a code and press Enter to scan it (Ctrl+D to stop)'
          : 'type track data (or a card number) and press Enter to swipe it (Ctrl+D to stop)',
      );
      await readStdinLines(io, (line) =>
        writer.write(
          kind === 'card' && /^\d{12,19}$/.test(line) ? swipeBytes(line) : asBytes(line),
        ),
      );
    }
  } finally {
    writer.close();
  }
  return exitCodes.ok;
}

async function runRfid(path: string, values: Values, io: CliIO): Promise<number> {
  const protocol = values.protocol;
  const reads = Number(values.reads);
  const rssi = Number(values.rssi);
  const antenna = Number(values.antenna);
  const epcs = (values.epc ?? []).map((epc) => epc.toUpperCase());
  if (
    (protocol !== 'ascii' && protocol !== 'r2000') ||
    !Number.isInteger(reads) ||
    reads < 1 ||
    !Number.isFinite(rssi) ||
    !Number.isInteger(antenna) ||
    antenna < 1 ||
    antenna > 8 ||
    epcs.length === 0 ||
    epcs.some((epc) => !/^([0-9A-F]{4})+$/.test(epc))
  ) {
    io.err(
      `${usage}\n--epc needs whole 16-bit words of hex; --reads a positive integer; --antenna 1..8; --protocol ascii or r2000`,
    );
    return exitCodes.usage;
  }
  const tags = epcs.map((epc) => ({ epc, antenna, rssi }));
  const sim = await RfidSimulator.open(path, { protocol, inView: tags });
  try {
    if (protocol === 'ascii') {
      for (let i = 0; i < reads; i++)
        for (const tag of tags) await sim.sendReads(tag, 1, Number(values.delay) || 0);
      io.out(`sent ${reads * tags.length} read(s)`);
    } else {
      io.out(`answering inventory commands with ${tags.length} tag(s) (${reads} round(s))`);
      while (sim.commands < reads) await sleep(20);
      await sleep(50);
      io.out(`answered ${sim.commands} inventory command(s)`);
    }
  } finally {
    await sim.close();
  }
  return exitCodes.ok;
}

async function runPrinter(path: string, values: Values, io: CliIO): Promise<number> {
  const paper = values.paper;
  if (!['ok', 'near-end', 'out'].includes(paper) || !['open', 'closed'].includes(values.cover)) {
    io.err(`${usage}\n--paper is ok, near-end or out; --cover is open or closed`);
    return exitCodes.usage;
  }
  const wanted = values.documents === undefined ? Infinity : Number(values.documents);
  let printed = 0;
  const sim = await PrinterSimulator.open(path, {
    status: {
      paperOut: paper === 'out',
      paperNearEnd: paper === 'near-end',
      coverOpen: values.cover === 'open',
    },
    onDocument: (ops) => {
      printed++;
      io.out(`----- document ${printed} -----\n${documentText(ops)}\n----- cut -----`);
    },
  });
  io.out(`printer ready (paper ${paper}, cover ${values.cover}); Ctrl+D to stop`);
  try {
    // With --documents it stops after that many; otherwise when stdin ends (Ctrl+D).
    if (values.documents === undefined) await readStdinLines(io, () => undefined);
    else while (printed < wanted) await sleep(50);
  } finally {
    await sim.close();
  }
  return exitCodes.ok;
}

export const simCommand: Command = async (argv, io) => {
  // "--rssi -50" as typed: parseArgs would take "-50" for an option, so it is joined first.
  const args = argv.map((arg, i) =>
    /^-\d/.test(arg) && argv[i - 1]?.startsWith('--') ? `\u0000${arg}` : arg,
  );
  const joined = args.flatMap((arg, i) =>
    args[i + 1]?.startsWith('\u0000')
      ? [`${arg}=${args[i + 1]?.slice(1)}`]
      : arg.startsWith('\u0000')
        ? []
        : [arg],
  );
  const { values, positionals } = parseArgs({ args: joined, allowPositionals: true, options });
  const kind = positionals[0];
  if (!kinds.includes(kind as Kind)) {
    io.err(usage);
    return exitCodes.usage;
  }
  const bin = memberBinArgument(values.bin, '--bin');
  if (!bin.ok) {
    io.err(bin.error.message);
    return exitCodes.usage;
  }
  const end = await simEnd(kind as Kind, values, io);
  if (!end) return exitCodes.failed;
  try {
    if (kind === 'scanner' || kind === 'card') return await runLines(end.path, values, io, kind);
    if (kind === 'rfid') return await runRfid(end.path, values, io);
    return await runPrinter(end.path, values, io);
  } finally {
    await end.pair?.close();
  }
};
