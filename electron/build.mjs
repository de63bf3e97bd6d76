#!/usr/bin/env node
// Bundles the Electron main process and the two sandboxed preloads into dist-electron/ (or the
// folder given as the first argument) and copies the staff exit page beside them.
//   main.cjs                 CJS, node platform; native modules and electron stay external
//   preload.cjs              CJS, one file, requires nothing but 'electron' (sandbox rule)
//   staff-exit-preload.cjs   same, for the staff exit dialog
//   staff-exit/              static page served at kiosk://staff/
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..', 'dist-electron'));

// Loaded from node_modules at run time (rebuilt for Electron and unpacked from asar by
// electron-builder), never bundled.
export const externalModules = [
  'electron',
  'electron-updater',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'node-hid',
  'pino',
  'thread-stream',
];

const common = {
  bundle: true,
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

mkdirSync(outDir, { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [join(here, 'main.ts')],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    external: externalModules,
    // The host finds its files from import.meta.url; in a CJS bundle that is this file's URL.
    define: { 'import.meta.url': '__kioskImportMetaUrl' },
    banner: {
      js: "const __kioskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
  }),
  ...['preload', 'staff-exit-preload'].map((name) =>
    build({
      ...common,
      entryPoints: [join(here, `${name}.ts`)],
      outfile: join(outDir, `${name}.cjs`),
      platform: 'browser',
      external: ['electron'],
      // The bridge contract brings zod along; minified, the sandboxed preload parses faster.
      minify: true,
    }),
  ),
]);
cpSync(join(here, 'staff-exit'), join(outDir, 'staff-exit'), { recursive: true });
process.stdout.write(`electron bundles written to ${outDir}\n`);
