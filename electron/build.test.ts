import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function requiredModules(file: string): string[] {
  const source = readFileSync(join(outDir, file), 'utf8');
  return [
    ...new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? '')),
  ].sort();
}

describe('electron/build.mjs', () => {
  it(
    'bundles main and both preloads into CJS files and copies the staff page',
    { timeout: 60_000 },
    () => {
      execFileSync(process.execPath, [join(import.meta.dirname, 'build.mjs'), outDir], {
        stdio: 'pipe',
      });
      for (const file of [
        'main.cjs',
        'preload.cjs',
        'staff-exit-preload.cjs',
        'staff-exit/index.html',
        'staff-exit/staff-exit.js',
      ]) {
        expect(existsSync(join(outDir, file)), file).toBe(true);
      }
    },
  );
  it('leaves the sandboxed preloads requiring nothing but electron', () => {
    expect(requiredModules('preload.cjs')).toEqual(['electron']);
    expect(requiredModules('staff-exit-preload.cjs')).toEqual(['electron']);
    expect(readFileSync(join(outDir, 'preload.cjs'), 'utf8')).toContain(
      'exposeInMainWorld("kiosk"',
    );
  });
  it('keeps native modules external in main and resolves import.meta.url at run time', () => {
    const modules = requiredModules('main.cjs');
    expect(modules).toContain('electron');
    expect(modules).toContain('better-sqlite3');
    const source = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    expect(source).not.toMatch(/import\.meta/);
    expect(
      source.startsWith(
        "const __kioskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      ),
    ).toBe(true);
  });
});
