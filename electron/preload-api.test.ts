/**
 * The review Electronegativity's PRELOAD_JS_CHECK asks for, automated: each bundled preload runs
 * against a recording stand-in of `electron` and must expose exactly its API — the kiosk window's
 * one function per contract method plus `on`, the staff dialog's `submit` and `cancel` — calling
 * only its own `kiosk:` channels, and never hand ipcRenderer (or anything else) to the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../bridge/contract';
import { staffExitCancelChannel, staffExitSubmitChannel } from './staff-exit-channels';

const outDir = mkdtempSync(join(tmpdir(), 'kiosk-preload-api-'));
beforeAll(() => {
  execFileSync(process.execPath, [join(import.meta.dirname, 'build.mjs'), outDir], {
    stdio: 'pipe',
  });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Loaded {
  exposed: Map<string, unknown>;
  invoked: Array<[string, unknown]>;
  ipcRenderer: object;
}

/** Runs a preload bundle as Electron's sandbox would: `require` knows only 'electron'. */
function loadPreload(file: string): Loaded {
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const ipcRenderer = {
    invoke: (channel: string, params: unknown) => {
      invoked.push([channel, params]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: () => undefined,
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
  };
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  const source = readFileSync(join(outDir, file), 'utf8');
  new Function('require', 'module', 'exports', source)(sandboxRequire, module, module.exports);
  return { exposed, invoked, ipcRenderer };
}

/** Every value reachable from `value` (functions' own properties too). */
function reachable(value: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return seen;
  if (seen.has(value)) return seen;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) reachable(Reflect.get(value, key), seen);
  return seen;
}

describe('the kiosk window preload', () => {
  it('exposes only window.kiosk: one function per contract method and on()', async () => {
    const { exposed, invoked, ipcRenderer } = loadPreload('preload.cjs');
    expect([...exposed.keys()]).toEqual(['kiosk']);
    const api = exposed.get('kiosk');
    if (typeof api !== 'object' || api === null) throw new Error('window.kiosk is not an object');
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(reachable(api).has(ipcRenderer)).toBe(false);
    const call = Reflect.get(api, 'session.current');
    if (typeof call !== 'function') throw new Error('no session.current');
    await call({});
    expect(invoked).toEqual([['kiosk:session.current', {}]]);
  });
});

describe('the staff exit dialog preload', () => {
  it('exposes only window.staffExit with submit and cancel on its two channels', async () => {
    const { exposed, invoked, ipcRenderer } = loadPreload('staff-exit-preload.cjs');
    expect([...exposed.keys()]).toEqual(['staffExit']);
    const api = exposed.get('staffExit');
    if (typeof api !== 'object' || api === null)
      throw new Error('window.staffExit is not an object');
    expect(Object.keys(api).sort()).toEqual(['cancel', 'submit']);
    expect(reachable(api).has(ipcRenderer)).toBe(false);
    const submit = Reflect.get(api, 'submit');
    const cancel = Reflect.get(api, 'cancel');
    if (typeof submit !== 'function' || typeof cancel !== 'function') throw new Error('no api');
    await submit({ toString: () => 'BADGE-2001' }, 8642);
    await cancel();
    expect(invoked).toEqual([
      [staffExitSubmitChannel, { badge: 'BADGE-2001', pin: '8642' }],
      [staffExitCancelChannel, undefined],
    ]);
  });
});
