import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download cannot run on store build machines. */
export const chromiumPath = process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  projects: [
    {
      name: 'e2e',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
        viewport: { width: 1080, height: 1920 },
        locale: 'zh-CN',
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
