// Which code `kiosk` runs: the bundle scripts/build-host.mjs wrote, while it is newer than every
// source file it was built from, or null (then the TypeScript sources run through tsx). A source
// edited, added to an import or removed after the build makes the bundle stale, never silently used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The bundle's path when it is fresh; null when missing, stale or `KIOSK_FROM_SOURCE=1`. */
export function freshHostBundle(root, env = process.env) {
  if (env.KIOSK_FROM_SOURCE === '1') return null;
  const bundle = join(root, 'dist-host', 'kiosk.mjs');
  const manifest = join(root, 'dist-host', 'inputs.json');
  if (!existsSync(bundle) || !existsSync(manifest)) return null;
  const builtAt = statSync(bundle).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return null;
  for (const input of inputs) {
    const path = join(root, String(input));
    if (!existsSync(path) || statSync(path).mtimeMs > builtAt) return null;
  }
  return bundle;
}
