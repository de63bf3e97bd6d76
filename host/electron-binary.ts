/**
 * The Electron binary, when this machine has one. Read from the package's `path.txt` rather than
 * `require('electron')`, which would try to download a missing binary on every start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './paths';

export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = join(appRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}
