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

function forwardTypedScans(host: KioskHost, io: CliIO): void {
  const scanner = host.config.devices.find(
    (device) => device.transport === 'sim' && device.kind === 'scanner',
  );
  const simulator = scanner ? host.devices.simulator(scanner.id) : null;
  if (!scanner || !simulator) return;
  io.out(`simulated scanner "${scanner.id}": type a barcode (e.g. 6970001000016) and press Enter`);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim())
      simulator.send(Buffer.concat([unescapeBytes(line.trim()), unescapeBytes(scanner.suffix)]));
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
  const host = await startKioskHost({
    config: environment.config,
    dataDir: environment.dataDir,
    shell: 'web',
    seedDir: values.demo ? demoStoreDir : null,
  });
  const shell = await startWebShell({ bridge: host.bridge, rendererDir, port: environment.port });
  io.out(
    `Seed Kiosk (${environment.config.role}, store ${environment.config.storeId}) is at ${shell.url}`,
  );
  io.out(`data directory: ${environment.dataDir}`);
  const browser = values['no-browser'] ? null : findBrowser(io.env);
  if (browser && hasDisplay(io.env)) openKioskBrowser(browser, shell.url, environment.dataDir);
  else if (!values['no-browser'])
    io.out('no browser window opened (no Chromium found or no display): open the URL above');
  if (values.demo) forwardTypedScans(host, io);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await shell.close();
  await host.close();
  return exitCodes.ok;
};
