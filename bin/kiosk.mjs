#!/usr/bin/env node
// The `kiosk` command: the bundled host (dist-host, built by `npm run build`) while it is fresh,
// otherwise the TypeScript sources through tsx's loader, so a clone needs no build.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshHostBundle } from './host-bundle.mjs';

const bundle = freshHostBundle(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
if (bundle) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../host/cli/main.ts');
}
