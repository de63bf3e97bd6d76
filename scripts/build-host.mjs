#!/usr/bin/env node
// Bundles the kiosk command (host/cli/main.ts and everything it imports from this repo) into
// dist-host/kiosk.mjs, with npm packages left as imports. `bin/kiosk.mjs` runs the bundle while it
// is newer than every source file it was built from (dist-host/inputs.json), and the TypeScript
// sources through tsx otherwise: a start then skips compiling ~400 modules (≈ 2.2 s → 0.8 s).
// It sits one folder below the repo root, like host/, so host/paths.ts finds the same app root.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-host');
const result = await build({
  entryPoints: [join(root, 'host', 'cli', 'main.ts')],
  outfile: join(outdir, 'kiosk.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  write: false,
  logLevel: 'warning',
  absWorkingDir: root,
});
// Each file written beside and renamed over the old one: a kiosk starting meanwhile reads either.
const replace = (path, contents) => {
  writeFileSync(`${path}.tmp`, contents);
  renameSync(`${path}.tmp`, path);
};
mkdirSync(outdir, { recursive: true });
for (const file of result.outputFiles) replace(file.path, file.contents);
const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules'));
replace(join(outdir, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
