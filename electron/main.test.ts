/**
 * Runs the bundled electron/main under plain Node with a fake `electron` module
 * (test/electron/fake-electron.cjs), since the Electron binary cannot be installed here. This
 * executes the real wiring — host start on the demo store, protocol, lockdown, bridge, staff exit,
 * crash reload, shutdown — against recorded Electron calls. The Playwright `_electron` suite
 * (test/electron/shell.spec.ts) covers the same ground with the real binary where it exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const root = mkdtempSync(join(tmpdir(), 'kiosk-electron-main-'));

interface FakeRun {
  privilegedBeforeReady: {
    ready: boolean;
    schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  } | null;
  windowOptions: Array<Record<string, unknown> & { webPreferences?: Record<string, unknown> }>;
  loads: string[][];
  calls: string[];
  sessions: Array<{
    partition: string;
    preloads: Array<{ id: string; type: string; filePath: string; matches?: string[] }>;
    scheme: string | null;
  }>;
  scenario: Record<string, unknown>;
  exitCode: number | null;
}

let run: FakeRun;
let stderr = '';

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(repo, 'electron', 'build.mjs'), join(root, 'dist-electron')],
    { stdio: 'pipe' },
  );
  mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>Seed Kiosk</title>',
  );
  symlinkSync(join(repo, 'fixtures'), join(root, 'fixtures'));
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      join(repo, 'test', 'electron', 'fake-electron.cjs'),
      join(root, 'dist-electron', 'main.cjs'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_PATH: join(repo, 'node_modules'),
        KIOSK_DEMO: '1',
        KIOSK_DATA_DIR: join(root, 'data'),
        KIOSK_CONFIG: '',
        KIOSK_DEV: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  stderr = result.stderr;
  const line = result.stdout.split('\n').find((text) => text.startsWith('FAKE-ELECTRON-RESULT '));
  if (!line)
    throw new Error(
      `main did not finish the scenario (exit ${result.status}):\n${result.stdout}\n${stderr}`,
    );
  run = JSON.parse(line.slice('FAKE-ELECTRON-RESULT '.length)) as FakeRun;
}, 90_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What both windows get (CONVENTIONS 13), production settings. */
const locked = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
  devTools: false,
  disableDialogs: true,
};

describe('electron/main wiring (fake electron)', () => {
  it('runs the whole scenario and exits 0 on window-all-closed', () => {
    expect(run.scenario.error, stderr).toBeUndefined();
    expect(run.exitCode).toBe(0);
  });
  it('registers the privileged kiosk scheme before ready, removes the menu, opens one kiosk window', () => {
    expect(run.privilegedBeforeReady?.ready).toBe(false);
    expect(run.privilegedBeforeReady?.schemes[0]).toMatchObject({
      scheme: 'kiosk',
      privileges: { standard: true, secure: true },
    });
    expect(run.calls).toContain('menu:null');
    expect(run.windowOptions[0]).toMatchObject({
      kiosk: true,
      webPreferences: { ...locked, session: { partition: 'persist:kiosk' } },
    });
    expect(run.windowOptions[0]?.webPreferences).not.toHaveProperty('preload');
    expect(run.loads[0]?.[0]).toBe('kiosk://app/index.html');
  });
  it('gives each window its own session, whose preload runs on that origin only', () => {
    const partition = (name: string) => run.sessions.find((ses) => ses.partition === name);
    expect(partition('persist:kiosk')?.preloads).toEqual([
      {
        id: 'app-preload',
        type: 'frame',
        filePath: expect.stringMatching(/dist-electron[/\\]preload\.cjs$/),
        matches: ['kiosk://app/*'],
      },
    ]);
    expect(partition('staff-exit')?.preloads).toEqual([
      {
        id: 'staff-preload',
        type: 'frame',
        filePath: expect.stringMatching(/dist-electron[/\\]staff-exit-preload\.cjs$/),
        matches: ['kiosk://staff/*'],
      },
    ]);
    // The default session serves nothing and runs no preload.
    expect(partition('(default)')).toMatchObject({ preloads: [], scheme: null });
  });
  it('serves each origin only in its own session', () => {
    expect(run.scenario.staffPageInKioskSession).toMatchObject({ status: 404 });
    expect(run.scenario.appPageInStaffSession).toMatchObject({ status: 404 });
    expect(run.scenario.cameraInStaffSession).toBe(false);
  });
  it('serves the renderer and the staff page with the CSP and refuses traversal', () => {
    expect(run.scenario.protocolScheme).toBe('kiosk');
    expect(run.scenario.index).toMatchObject({ status: 200 });
    expect(String((run.scenario.index as { csp: string }).csp)).toContain("script-src 'self'");
    expect(run.scenario.staffPage).toMatchObject({ status: 200 });
    expect(run.scenario.traversal).toMatchObject({ status: 403 });
  });
  it('grants only the camera to our origin and refuses navigation and new windows', () => {
    expect(run.scenario).toMatchObject({
      camera: true,
      geolocation: false,
      cameraElsewhere: false,
      microphoneCheck: false,
      foreignNavigationPrevented: true,
      ownNavigationPrevented: false,
      windowOpen: { action: 'deny' },
    });
  });
  it('accepts no invalid certificate: no certificate-error handler, refusals logged', () => {
    expect(run.scenario.certificateErrorListeners).toBe(0);
    expect(run.scenario.certificateErrorLogged).toBe(true);
  });
  it('opens no port: the bridge is IPC only, the web shell and its WebSocket never start', () => {
    expect(run.scenario.listening).toEqual([]);
  });
  it('answers the bridge for the kiosk frame only', () => {
    expect(run.scenario.bridgeFromWindow).toMatchObject({ ok: true, value: { storeId: 'S001' } });
    expect(run.scenario.bridgeFromOtherFrame).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
  it('swallows Alt+F4 and opens the staff exit dialog on the chord, whose channel trusts only the dialog', () => {
    expect(run.scenario.altF4Blocked).toBe(true);
    expect(run.scenario.chordBlocked).toBe(true);
    expect(run.scenario.dialogUrl).toBe('kiosk://staff/index.html');
    expect(run.windowOptions[1]).toMatchObject({
      modal: true,
      webPreferences: { ...locked, session: { partition: 'staff-exit' } },
    });
    expect(run.windowOptions[1]?.webPreferences).not.toHaveProperty('preload');
    expect(run.scenario.staffFromDialog).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(run.scenario.staffFromKioskWindow).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
  it('reloads the renderer after a crash', () => {
    expect(run.scenario.reloadsAfterCrash).toBe(1);
    expect(run.loads[0]?.at(-1)).toBe('kiosk://app/index.html');
  });
});
