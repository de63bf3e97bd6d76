/** `kiosk sim scanner` puts real scanner bytes on a pseudo-terminal. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPtyPair } from '../../device/sim/pty-pair';
import { repoRoot, tempDir } from '../support/temp';
import { until } from '../support/until';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

function collect(path: string): Promise<{ port: SerialPort; received: () => string }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  let data = '';
  port.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
  return new Promise((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve({ port, received: () => data }))),
  );
}

/** `kiosk sim scanner` with these options, in a child process. */
const simScanner = (options: string[]) =>
  spawn(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), 'sim', 'scanner', ...options]);

describe('kiosk sim scanner', () => {
  it('sends --send codes with the suffix into an existing tty', async () => {
    const pair = await createPtyPair(dir.path, 'scanner');
    const reader = await collect(pair.devicePath);
    const child = simScanner([
      '--path',
      pair.simPath,
      '--send',
      '6970001000016',
      '--send',
      ']C101069700010000161726123110ABC\\x1D21XYZ',
      '--delay',
      '0',
    ]);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    await until(() => reader.received().split('\r').length === 3);
    expect(reader.received()).toBe('6970001000016\r]C101069700010000161726123110ABC\x1d21XYZ\r');
    await new Promise((resolve) => reader.port.close(resolve));
    await pair.close();
  });

  it('makes its own pty pair and scans each line typed on stdin', async () => {
    const child = simScanner(['--dir', dir.path]);
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    await until(() => /"path": "([^"]+)"/.test(out));
    const devicePath = /"path": "([^"]+)"/.exec(out)?.[1] ?? '';
    const reader = await collect(devicePath);
    child.stdin.write('6970001000016\n\n  96385074  \n');
    await until(() => reader.received() === '6970001000016\r96385074\r');
    child.stdin.end();
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    await new Promise((resolve) => reader.port.close(resolve));
  });
});
