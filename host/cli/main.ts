/** The `kiosk` command line: one sub-command per job, each in its own module. */
import { exitCodes, processIO, type Command } from './io';

/** Loaded on demand, so a quick command does not pay for the whole host. */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start')).startCommand,
  import: async () => (await import('./import')).importCommand,
  lookup: async () => (await import('./lookup')).lookupCommand,
  sim: async () => (await import('./sim')).simCommand,
  decode: async () => (await import('./decode')).decodeCommand,
  recommend: async () => (await import('./recommend')).recommendCommand,
  member: async () => (await import('./member')).memberCommand,
  devices: async () => (await import('./devices')).devicesCommand,
  enroll: async () => (await import('./enroll')).enrollCommand,
  sync: async () => (await import('./sync')).syncCommand,
};

const help = `usage: kiosk <command> [options]

  start [--demo] [--no-browser]   run the kiosk (KIOSK_CONFIG, KIOSK_DATA_DIR, KIOSK_PORT)
  import <dir>                    import a store folder (CSV) into the kiosk database
  lookup <code>...                look up a GTIN or SKU as the kiosk would
  sim scanner|card|rfid|printer   a simulated device speaking its real bytes on a pseudo-terminal
  devices [--json]                configured devices with their state, and what is plugged in
  decode TEXT... | --stdin        decode barcodes, tags and cards to JSON, one line each
  recommend --member ID[,ID...]   personal picks per member as JSON lines [--limit N] [--lang zh-CN]
  member show|erase <id>          a member's tier, points, RFM segment (with consent); or erase
  enroll <url> <code> [--ca pem]  enroll this kiosk with the member cloud (one-time code)
  sync status|now|rotate|media    sync state, one sync run now, rotate the device token, or
                                  fetch the catalog images this kiosk lacks (with progress)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    processIO.out(help);
    return name ? exitCodes.ok : exitCodes.usage;
  }
  const load = commands[name];
  if (!load) {
    processIO.err(`unknown command "${name}"\n\n${help}`);
    return exitCodes.usage;
  }
  try {
    return await (
      await load()
    )(rest, processIO);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (
      error instanceof Error &&
      (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    ) {
      processIO.err(error.message);
      return exitCodes.usage;
    }
    processIO.err(
      `kiosk ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return exitCodes.failed;
  }
}

process.exitCode = await main(process.argv.slice(2));
