/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Unit tests sit beside the code; test/ holds integration (pty, http) suites run by vitest
// and the Playwright suites (*.spec.ts) run by playwright.
export default defineConfig({
  test: {
    include: [
      '{common,renderer,bridge,host,electron,core,device,sync,cloud,hq,tools}/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
