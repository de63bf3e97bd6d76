/**
 * The built renderer (dist/renderer), which `kiosk start` serves and refuses to start without.
 * `npm test` builds it before vitest; a test file run on its own builds it here, once, under a lock
 * so that test files running in parallel never build over each other.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './temp';

const index = join(repoRoot, 'dist', 'renderer', 'index.html');
const lock = join(repoRoot, 'dist', '.renderer-build.lock');

export async function ensureRendererBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!existsSync(index)) {
    mkdirSync(join(repoRoot, 'dist'), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building it: wait for it.
      if (Date.now() > deadline) throw new Error(`the renderer build did not finish (${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
      const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      if (built.status !== 0) throw new Error(`vite build failed:\n${built.stderr}`);
    } finally {
      rmdirSync(lock);
    }
  }
}
