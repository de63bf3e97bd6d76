import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createShellLogger,
  RotatingFile,
  rotatedName,
  rotationSteps,
  shouldRotate,
} from './log-files';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('rotation decision', () => {
  it('rotates only when a non-empty file would pass the cap', () => {
    expect(shouldRotate(0, 5000, { maxBytes: 100, keep: 2 })).toBe(false);
    expect(shouldRotate(60, 40, { maxBytes: 100, keep: 2 })).toBe(false);
    expect(shouldRotate(60, 41, { maxBytes: 100, keep: 2 })).toBe(true);
  });
  it('names rotated files before the extension', () => {
    expect(rotatedName('kiosk.log', 0)).toBe('kiosk.log');
    expect(rotatedName('kiosk.log', 3)).toBe('kiosk.3.log');
    expect(rotatedName('kiosk', 1)).toBe('kiosk.1');
  });
  it('drops the oldest file and shifts the rest up', () => {
    expect(rotationSteps('kiosk.log', 2)).toEqual([
      { op: 'delete', file: 'kiosk.2.log' },
      { op: 'rename', from: 'kiosk.1.log', to: 'kiosk.2.log' },
      { op: 'rename', from: 'kiosk.log', to: 'kiosk.1.log' },
    ]);
  });
});

describe('RotatingFile', () => {
  it('keeps at most keep+1 files, each under the cap, with the newest lines in the live file', () => {
    const dir = tempDir();
    const file = new RotatingFile(dir, 'kiosk.log', { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i += 1)
      file.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}\n`);
    file.close();
    expect(readdirSync(dir).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.log']);
    for (const name of readdirSync(dir))
      expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toContain('line 19');
    expect(readFileSync(join(dir, 'kiosk.2.log'), 'utf8')).not.toContain('line 00');
  });
  it('appends to an existing file across restarts', () => {
    const dir = tempDir();
    const first = new RotatingFile(dir, 'kiosk.log', { maxBytes: 1000, keep: 1 });
    first.write('a\n');
    first.close();
    const second = new RotatingFile(dir, 'kiosk.log', { maxBytes: 1000, keep: 1 });
    second.write('b\n');
    second.close();
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toBe('a\nb\n');
  });
});

describe('createShellLogger', () => {
  it('writes JSON lines under <dataDir>/logs and redacts PINs and badges', () => {
    const dataDir = tempDir();
    const log = createShellLogger(dataDir, 'info');
    log.info({ attempt: { badge: 'B123', pin: '1234' } }, 'staff exit attempt');
    const line = JSON.parse(
      readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8').trim(),
    ) as Record<string, unknown>;
    expect(line.msg).toBe('staff exit attempt');
    expect(line.attempt).toEqual({ badge: '[redacted]', pin: '[redacted]' });
  });
});
