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
    // a cloud on PGlite migrates ~20 versions and loads the demo store in beforeAll: on a loaded
    // 2-core machine that alone has taken 15 s
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
