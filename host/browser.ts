/** Finding and opening a Chromium-family browser in kiosk app mode for the web shell. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/microsoft-edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findBrowser(env: NodeJS.ProcessEnv): string | null {
  if (env.KIOSK_BROWSER) return existsSync(env.KIOSK_BROWSER) ? env.KIOSK_BROWSER : null;
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Whether a window can be shown at all (a Linux box without X or Wayland cannot). */
export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function openKioskBrowser(browser: string, url: string, dataDir: string): void {
  const args = [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${join(dataDir, 'browser-profile')}`,
    '--no-first-run',
    '--disable-translate',
    '--disable-background-networking',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
}
