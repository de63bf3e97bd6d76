/** Where the app's own files are: the repo (or the packaged app's resources) root. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const demoStoreDir = join(appRoot, 'fixtures', 'demo-store');
export const rendererDir = join(appRoot, 'dist', 'renderer');

export function rendererBuilt(): boolean {
  return existsSync(join(rendererDir, 'index.html'));
}
