/**
 * `kiosk start`: runs the kiosk. The Electron shell when its binary and bundle are present;
 * otherwise the web shell on 127.0.0.1, opened in a Chromium kiosk window when one is found.
 * With --demo, a missing KIOSK_CONFIG means the demo store with a simulated scanner, and lines typed
 * on this terminal are scanned by that simulated scanner.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startKioskHost, type KioskHost } from '../app';
import { findBrowser, hasDisplay, openKioskBrowser } from '../browser';
import { ConfigError, loadConfigFromEnv } from '../config';
import { electronBinary } from '../electron-binary';
import { appRoot, demoStoreDir, rendererBuilt, rendererDir } from '../paths';
import { unescapeBytes } from '../../device/sim/line-writer';
import { startWebShell } from '../web/server';
import { exitCodes, type CliIO, type Command } from './io';

/** Lines typed on this terminal go to the simulated scanner; the returned function stops reading. */
function forwardTypedScans(host: KioskHost, io: CliIO): () => void {
  const scanner = host.config.devices.find(
    (device) => device.transport === 'sim' && device.kind === 'scanner',
  );
  const simulator = scanner ? host.devices.simulator(scanner.id) : null;
  if (!scanner || !simulator) return () => undefined;
  io.out(`simulated scanner "${scanner.id}": type a barcode (e.g. 6970001000016) and press Enter`);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim())
      simulator.send(Buffer.concat([unescapeBytes(line.trim()), unescapeBytes(scanner.suffix)]));
  });
  // Closing the interface pauses stdin, so an open terminal or pipe no longer keeps us running.
  return () => lines.close();
}

/** Resolves on the first SIGINT or SIGTERM, then leaves both signals to their default again. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function runElectron(binary: string, io: CliIO): Promise<number> {
  io.out('starting the Electron shell');
  const child = spawn(binary, [join(appRoot, 'dist-electron', 'main.cjs')], {
    stdio: 'inherit',
    env: io.env,
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? exitCodes.failed)));
}

export const startCommand: Command = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      shell: { type: 'string', default: 'auto' },
    },
  });
  let environment;
  try {
    environment = loadConfigFromEnv(io.env, values.demo);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
  const electron = values.shell === 'web' ? null : electronBinary();
  if (electron && existsSync(join(appRoot, 'dist-electron', 'main.cjs')))
    return runElectron(electron, io);
  if (values.shell === 'electron') {
    io.err(
      'the Electron shell is not available here (no Electron binary or no dist-electron build)',
    );
    return exitCodes.failed;
  }
  if (!rendererBuilt()) {
    io.err('the renderer is not built: run `npm run build` (npm start does it for you)');
    return exitCodes.failed;
  }
  // Listening before the host starts: a signal during start-up still stops it cleanly.
  const stopped = stopSignal();
  const host = await startKioskHost({
    config: environment.config,
    dataDir: environment.dataDir,
    shell: 'web',
    seedDir: values.demo ? demoStoreDir : null,
  });
  const webLog = host.log.child({ mod: 'host/web' });
  const shell = await startWebShell({
    bridge: host.bridge,
    rendererDir,
    port: environment.port,
    onUpgradeRefused: (reason) => webLog.warn({ reason }, 'bridge connection refused'),
    onSocketError: (error) => webLog.warn({ err: error }, 'bridge connection closed on error'),
    media: host.media,
  });
  // The URL carries this start's session token (in its fragment): the one way onto the bridge.
  io.out(
    `Seed Kiosk (${environment.config.role}, store ${environment.config.storeId}) is at ${shell.url}`,
  );
  io.out(`data directory: ${environment.dataDir}`);
  const browser = values['no-browser'] ? null : findBrowser(io.env);
  if (browser && hasDisplay(io.env)) openKioskBrowser(browser, shell.url, environment.dataDir);
  else if (!values['no-browser'])
    io.out('no browser window opened (no Chromium found or no display): open the URL above');
  const stopTyping = values.demo ? forwardTypedScans(host, io) : () => undefined;

  const signal = await stopped;
  host.log.info({ signal }, 'stopping');
  stopTyping();
  await shell.close();
  await host.close();
  return exitCodes.ok;
};
