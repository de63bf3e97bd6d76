#!/usr/bin/env node
/**
 * `npm test`: every check and every test — type-check, lint, format, the renderer and HQ console
 * builds, vitest (unit and integration) and Playwright (end-to-end, Electron) — then one closing
 * line `N passed, N failed, N skipped`. Exits non-zero when anything failed or nothing ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env };
const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) failures.push(label);
}

function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint (eslint, import directions)', bin('eslint'), ['.', '--max-warnings=0']);
check('format (prettier)', bin('prettier'), ['--check', '.', '--log-level=warn']);
check('renderer build (vite)', bin('vite'), ['build', '--logLevel', 'warn']);
check('HQ console build (vite)', bin('vite'), [
  'build',
  '--config',
  'hq/vite.config.ts',
  '--logLevel',
  'warn',
]);

const vitestJson = '.vitest-results.json';
rmSync(vitestJson, { force: true });
const vitestOk = run('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!vitestOk || !vitest) {
  failures.push('vitest');
  if (!vitest || vitest.numFailedTests === 0) totals.failed++;
}

const playwrightJson = '.playwright-results.json';
rmSync(playwrightJson, { force: true });
const playwrightOk = run('end-to-end tests (playwright)', bin('playwright'), ['test'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
});
const playwright = readJson(playwrightJson);
if (playwright?.stats) {
  totals.passed += playwright.stats.expected + (playwright.stats.flaky ?? 0);
  totals.failed += playwright.stats.unexpected;
  totals.skipped += playwright.stats.skipped;
}
if (!playwrightOk || !playwright) {
  failures.push('playwright');
  if (!playwright?.stats || playwright.stats.unexpected === 0) totals.failed++;
}

if (failures.length) process.stdout.write(`\nfailed: ${failures.join(', ')}\n`);
const ranNothing = totals.passed + totals.failed === 0;
process.stdout.write(
  `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(totals.failed > 0 || ranNothing ? 1 : 0);
