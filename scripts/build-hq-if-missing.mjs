#!/usr/bin/env node
/**
 * `npm run cloud` serves the HQ console from dist/hq: build it first when it is missing (as
 * `npm start` builds the kiosk screens). `npm run build:hq` rebuilds it on demand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'hq', 'index.html'))) {
  process.stderr.write('building the HQ console (dist/hq) …\n');
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'hq/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
