/**
 * `npm run bench [-- name...]`: runs the benchmark suites (all, or those whose name contains one of
 * the given words), prints a table and writes bench/results.json. Rows of suites not run this time
 * are kept from the previous file, so one suite can be re-measured alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './support/stats';

interface Suite {
  name: string;
  run(): Promise<BenchRow[]>;
}

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
  () => import('./suites/phone-look-paint'),
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

const previous: { rows?: BenchRow[] } = existsSync(resultsFile)
  ? JSON.parse(readFileSync(resultsFile, 'utf8'))
  : {};
const rows: BenchRow[] = [];
const ran = new Set<string>();
for (const load of suites) {
  const suite = await load();
  if (filters.length && !filters.some((word) => suite.name.includes(word))) continue;
  console.error(`running ${suite.name} …`);
  ran.add(suite.name);
  rows.push(...(await suite.run()));
}
const kept = (previous.rows ?? []).filter((row) => !ran.has(row.suite));
const all = [...kept, ...rows];
printTable(all);
writeFileSync(
  resultsFile,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, rows: all }, null, 2)}\n`,
);
console.error(`wrote ${resultsFile}`);
