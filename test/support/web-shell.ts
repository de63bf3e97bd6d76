/**
 * A real kiosk host on the demo store behind the real web shell on a loopback port, started before
 * a file's tests and closed after them, with a stand-in page. Sockets a test opens are handed to
 * `keep` and terminated at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { WebSocket } from 'ws';
import { startKioskHost, type KioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { startWebShell, type UpgradeRefusal, type WebShell } from '../../host/web/server';
import { demoStore, tempDir } from './temp';

export interface DemoWebShell {
  readonly host: KioskHost;
  readonly shell: WebShell;
  /** The folder the stand-in page is served from. */
  readonly rendererDir: string;
  /** The shell's Origin. */
  origin(): string;
  /** Terminates this socket when the file's tests end. */
  keep(socket: WebSocket): void;
  /** Terminates the sockets kept so far, now (before closing a second shell they reached). */
  terminateKept(): void;
}

export function useDemoWebShell(options: {
  role: 'mirror' | 'checkout' | 'staff';
  onUpgradeRefused?: (refusal: UpgradeRefusal) => void;
}): DemoWebShell {
  const dir = tempDir('kiosk-web-shell-');
  const rendererDir = join(dir.path, 'renderer');
  const sockets: WebSocket[] = [];
  let host: KioskHost | undefined;
  let shell: WebShell | undefined;
  beforeAll(async () => {
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seed Kiosk</title>');
    host = await startKioskHost({
      config: parseConfig({ storeId: 'S001', role: options.role }),
      dataDir: join(dir.path, 'data'),
      shell: 'web',
      seedDir: demoStore,
      log: createLogger(null, 'silent'),
    });
    shell = await startWebShell({
      bridge: host.bridge,
      rendererDir,
      port: 0,
      ...(options.onUpgradeRefused ? { onUpgradeRefused: options.onUpgradeRefused } : {}),
    });
  }, 60_000);
  const terminateKept = () => {
    for (const socket of sockets.splice(0)) socket.terminate();
  };
  afterAll(async () => {
    terminateKept();
    await shell?.close();
    await host?.close();
    dir.remove();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the web shell is not started (use it inside a test)');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get shell() {
      return started(shell);
    },
    rendererDir,
    origin: () => new URL(started(shell).url).origin,
    keep: (socket) => void sockets.push(socket),
    terminateKept,
  };
}
