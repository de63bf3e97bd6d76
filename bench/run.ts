/**
 * `npm run bench [-- name...]`: runs the benchmark suites (all, or those whose name contains one of
 * the given words), prints a table and writes bench/results.json. Rows of suites not run this time
 * are kept from the previous file, so one suite can be re-measured alone. The file is rewritten
 * after every suite, so a suite that crashes later loses none of the rows measured before it.
 * The screens the browser suites open are built first, so no suite ever measures a stale build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './support/stats';

type Build = 'renderer' | 'hq';

interface Suite {
  name: string;
  /** What the suite opens in Chromium, built once before the first suite runs. */
  builds?: readonly Build[];
  run(): Promise<BenchRow[]>;
}

const buildArgs: Record<Build, string[]> = {
  renderer: ['vite', 'build'],
  hq: ['vite', 'build', '--config', 'hq/vite.config.ts'],
};

const suites: Array<() => Promise<Suite>> = [
  () => import('./suites/scan-to-host'),
  () => import('./suites/scan-to-dom'),
  () => import('./suites/screens-interactive'),
  () => import('./suites/screens-scan-burst'),
  () => import('./suites/catalog-lookup'),
  () => import('./suites/device-scan-latency'),
  () => import('./suites/device-rfid-debouncer'),
  () => import('./suites/recommend-quality'),
  () => import('./suites/recommend-scale'),
  () => import('./suites/store-scale'),
  () => import('./suites/sync-drain'),
  () => import('./suites/sync-storm'),
  () => import('./suites/sync-first-pull'),
  () => import('./suites/bridge-ws'),
  () => import('./suites/media-first-sync'),
  () => import('./suites/media-mirror-image'),
  () => import('./suites/hq-scale'),
  () => import('./suites/hq-pglite'),
  () => import('./suites/push-upkeep'),
  () => import('./suites/phone-look-paint'),
  () => import('./suites/import-catalog'),
  () => import('./suites/kiosk-cold-start'),
  () => import('./suites/kiosk-soak'),
];

const resultsFile = join(import.meta.dirname, 'results.json');
const filters = process.argv.slice(2);

function printTable(rows: BenchRow[]): void {
  const widths = [
    Math.max(5, ...rows.map((r) => r.suite.length)),
    Math.max(6, ...rows.map((r) => r.metric.length)),
    Math.max(5, ...rows.map((r) => String(r.value).length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(widths[0] ?? 0)}  ${b.padEnd(widths[1] ?? 0)}  ${c.padStart(widths[2] ?? 0)}  ${d}`;
  console.log(line('suite', 'metric', 'value', 'unit'));
  console.log('-'.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + (widths[2] ?? 0) + 12));
  for (const row of rows) {
    const ci = row.ci ? `  (95 % CI ${row.ci[0]}–${row.ci[1]})` : '';
    console.log(line(row.suite, row.metric, String(row.value), `${row.unit}${ci}`));
  }
}

const selected: Suite[] = [];
for (const load of suites) {
  const suite = await load();
  if (filters.length && !filters.some((word) => suite.name.includes(word))) continue;
  selected.push(suite);
}
for (const build of new Set(selected.flatMap((suite) => suite.builds ?? []))) {
  console.error(`building ${build} …`);
  // Quiet when it works; a failed build shows its errors and stops the run.
  execFileSync('npx', buildArgs[build], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const rows: BenchRow[] = [];
const ran = new Set<string>();
// The file as it is at each save, not as it was at the start: another run that finished meanwhile
// (a short suite beside a long soak) keeps its rows.
function previousRows(): BenchRow[] {
  if (!existsSync(resultsFile)) return [];
  const previous: { rows?: BenchRow[] } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  return previous.rows ?? [];
}
const allRows = () => [...previousRows().filter((row) => !ran.has(row.suite)), ...rows];
const save = () =>
  writeFileSync(
    resultsFile,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, rows: allRows() }, null, 2)}\n`,
  );
for (const suite of selected) {
  console.error(`running ${suite.name} …`);
  const measured = await suite.run();
  ran.add(suite.name);
  rows.push(...measured);
  save();
}
printTable(allRows());
console.error(`wrote ${resultsFile}`);
