/**
 * A pair of connected pseudo-terminals made by socat: the kiosk opens `devicePath` as if it were a
 * USB serial device; a simulator (or a test) writes the device's real bytes into `simPath`.
 * `unplug()` ends socat, which removes both links: exactly what a pulled cable looks like.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class SocatMissingError extends Error {
  readonly code = 'socat-missing';
  constructor() {
    super(
      'socat is not installed: install it (apt-get install socat) to simulate serial devices on a pty',
    );
  }
}

export interface PtyPair {
  devicePath: string;
  simPath: string;
  /** Ends socat and waits until both links are gone. */
  unplug(): Promise<void>;
  /** Makes a new pair on the same paths (a cable plugged back in). */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function createPtyPair(dir: string, name: string): Promise<PtyPair> {
  if (!socatAvailable()) throw new SocatMissingError();
  mkdirSync(dir, { recursive: true });
  const devicePath = join(dir, `${name}-device`);
  const simPath = join(dir, `${name}-sim`);
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    const proc = spawn(
      'socat',
      [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simPath}`],
      { stdio: 'ignore' },
    );
    child = proc;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    await Promise.race([
      waitFor(
        () => existsSync(devicePath) && existsSync(simPath),
        5000,
        `socat pty links in ${dir}`,
      ),
      exited.then(() => {
        throw new Error('socat exited before creating the pty pair');
      }),
    ]);
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(devicePath) && !existsSync(simPath), 2000, 'pty links to go');
  }

  await start();
  return { devicePath, simPath, unplug: stop, replug: start, close: stop };
}
