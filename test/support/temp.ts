/** Temporary folders and store copies for tests; each test gets its own and cleans it up. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const demoStore = join(repoRoot, 'fixtures', 'demo-store');

export function tempDir(prefix = 'kiosk-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A writable copy of the demo store, for tests that need to change a file. */
export function copyDemoStore(into: string): string {
  const target = join(into, 'demo-store');
  cpSync(demoStore, target, { recursive: true });
  return target;
}
