/** Finding and opening a Chromium-family browser in kiosk app mode for the web shell. */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/**
 * A page that forwards to `url`, written 0600 into the data directory. Chromium is started on this
 * file rather than on `url`, because a command line is readable by every user of the PC
 * (/proc/<pid>/cmdline) and `url` carries the session token.
 */
export function writeLaunchPage(url: string, dataDir: string): string {
  const file = join(dataDir, 'browser-launch.html');
  const target = url.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0; url=${target}"><title>Seed Kiosk</title>\n`;
  rmSync(file, { force: true });
  writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return file;
}

/** The Chromium command line for the kiosk window: the launch page, never the token itself. */
export function kioskBrowserArgs(launchPage: string, dataDir: string): string[] {
  const args = [
    `--app=${pathToFileURL(launchPage).href}`,
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
  return args;
}

export function openKioskBrowser(browser: string, url: string, dataDir: string): void {
  const args = kioskBrowserArgs(writeLaunchPage(url, dataDir), dataDir);
  spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
}
