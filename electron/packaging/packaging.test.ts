import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config';
import { parseShellConfig } from '../shell-config';
import { staffExitCode } from '../staff-exit';
import { crashExitCode } from '../self-heal';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('electron-builder.yml', () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(read('electron-builder.yml')) as Record<string, unknown>;

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
  it('unpacks the native modules from asar, rebuilds them and targets AppImage, deb and nsis', () => {
    expect(config).toMatchObject({
      productName: 'Seed Kiosk',
      asar: true,
      npmRebuild: true,
      publish: { provider: 'generic' },
    });
    expect(config.asarUnpack).toContain(
      '**/node_modules/{better-sqlite3,serialport,@serialport,node-hid}/**',
    );
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(JSON.stringify(config.win)).toContain('"nsis"');
  });
  it('packages the bundle package.json points at, and every file it references exists', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(config.files).toContain('dist-electron/**');
    const deb = config.deb as { afterInstall: string; afterRemove: string };
    const resources = (config.extraResources as Array<{ from: string }>).map((r) => r.from);
    for (const file of [deb.afterInstall, deb.afterRemove, ...resources])
      expect(existsSync(join(root, file)), file).toBe(true);
  });
});

describe('udev rules', () => {
  const rules = read('electron/packaging/99-seed-kiosk.rules')
    .split('\n')
    .filter((line) => line.includes('SUBSYSTEM=='));

  it('cover serial, hidraw and printer nodes', () => {
    expect(rules.some((rule) => rule.includes('ttyACM') && rule.includes('ttyUSB'))).toBe(true);
    expect(rules.some((rule) => rule.includes('SUBSYSTEM=="hidraw"'))).toBe(true);
    expect(rules).toHaveLength(3);
  });
  it('open only known vendors to group kiosk (or the seat user), never to everyone', () => {
    for (const rule of rules) {
      expect(rule).toMatch(/ATTRS\{idVendor\}=="[0-9a-f]{4}(\|[0-9a-f]{4})*"/);
      expect(rule).toContain('MODE="0660"');
      expect(rule).toContain('GROUP="kiosk"');
      expect(rule).toContain('TAG+="uaccess"');
    }
    expect(read('electron/packaging/99-seed-kiosk.rules')).not.toMatch(/MODE="0?666"/);
  });
});

describe('systemd user unit', () => {
  const unit = read('electron/packaging/seed-kiosk.service');
  it('always restarts, except after a staff exit or a config error', () => {
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=.*\\b${staffExitCode}\\b`, 'm'));
    expect(unit).toMatch(/^RestartPreventExitStatus=.*\b2\b/m);
    expect(unit).not.toMatch(new RegExp(`^RestartPreventExitStatus=.*\\b${crashExitCode}\\b`, 'm'));
    expect(unit).toMatch(/^Environment=KIOSK_SUPERVISED=1$/m);
  });
});

describe('example kiosk config', () => {
  it('is valid for the host and the shell', () => {
    const json = JSON.parse(read('electron/packaging/kiosk-config.example.json')) as unknown;
    const config = parseConfig(json, 'kiosk-config.example.json');
    expect(parseShellConfig(config)).toMatchObject({
      ok: true,
      value: { timeZone: 'Asia/Shanghai' },
    });
  });
});
