/** `kiosk` runs the bundled host only while it is newer than every source it was built from. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshHostBundle } from '../../bin/host-bundle.mjs';
import { repoRoot, tempDir } from '../support/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
  mkdirSync(join(dir.path, 'dist-host'));
  mkdirSync(join(dir.path, 'host'));
});
afterEach(() => dir.remove());

/** A built bundle of `inputs`, every file dated `at` (seconds) unless touched later. */
function fakeBuild(inputs: string[], at: number): string {
  const bundle = join(dir.path, 'dist-host', 'kiosk.mjs');
  for (const input of inputs) {
    writeFileSync(join(dir.path, input), 'export {};\n');
    utimesSync(join(dir.path, input), at, at);
  }
  writeFileSync(join(dir.path, 'dist-host', 'inputs.json'), JSON.stringify(inputs));
  writeFileSync(bundle, '// bundle\n');
  utimesSync(bundle, at + 10, at + 10);
  return bundle;
}

describe('the host bundle', () => {
  it('is used while every input is older than it', () => {
    const bundle = fakeBuild(['host/a.ts', 'host/b.ts'], 1_700_000_000);
    expect(freshHostBundle(dir.path, {})).toBe(bundle);
  });

  it('is stale once an input was edited after the build', () => {
    fakeBuild(['host/a.ts', 'host/b.ts'], 1_700_000_000);
    utimesSync(join(dir.path, 'host', 'b.ts'), 1_700_000_100, 1_700_000_100);
    expect(freshHostBundle(dir.path, {})).toBeNull();
  });

  it('is stale once an input is gone, and unused without a manifest or with KIOSK_FROM_SOURCE=1', () => {
    fakeBuild(['host/a.ts'], 1_700_000_000);
    expect(freshHostBundle(dir.path, { KIOSK_FROM_SOURCE: '1' })).toBeNull();
    rmSync(join(dir.path, 'host', 'a.ts'));
    expect(freshHostBundle(dir.path, {})).toBeNull();
    rmSync(join(dir.path, 'dist-host', 'inputs.json'));
    expect(freshHostBundle(dir.path, {})).toBeNull();
  });

  it('built from this repo, answers exactly as the sources do', () => {
    const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-host.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(built.status, built.stderr).toBe(0);
    expect(freshHostBundle(repoRoot, {})).toBe(join(repoRoot, 'dist-host', 'kiosk.mjs'));
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), 'nonsense'], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const fromSource = run({ KIOSK_FROM_SOURCE: '1' });
    const fromBundle = run({});
    expect(fromBundle.status).toBe(fromSource.status);
    expect(fromBundle.stdout + fromBundle.stderr).toBe(fromSource.stdout + fromSource.stderr);
    expect(fromSource.stderr).toMatch(/\S/);
  });
});
