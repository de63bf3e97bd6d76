/**
 * Runs @doyensec/electronegativity over electron/ and fails on any HIGH or MEDIUM finding that is
 * not justified in electronegativity-exceptions.json. The tool exits 0 even with HIGH findings,
 * so the gate reads its CSV report. (~12 s here: it waits on failed network look-ups.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exceptionsSchema,
  gate,
  parseCsv,
  parseReport,
  type Finding,
} from './electronegativity-gate';

const run = promisify(execFile);
const here = import.meta.dirname;
const bin = join(here, '..', 'node_modules', '.bin', 'electronegativity');
const outDir = mkdtempSync(join(tmpdir(), 'kiosk-electronegativity-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const describeFinding = (f: Finding) =>
  `${f.severity} ${f.check} ${f.file}:${f.location} ${f.sample}`;

describe('electronegativity gate', () => {
  it('finds no unjustified HIGH or MEDIUM issue in electron/', { timeout: 180_000 }, async () => {
    const exceptions = exceptionsSchema.parse(
      JSON.parse(readFileSync(join(here, 'electronegativity-exceptions.json'), 'utf8')),
    );
    // On a loaded machine the tool now and then writes a report missing findings it always makes
    // (its network look-ups fail at different moments): a run that misses known findings is run
    // again, up to three times. A new, unjustified finding fails at once.
    let result = gate([], exceptions);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const report = join(outDir, `report-${attempt}.csv`);
      // -e: the binary is absent here, so tell it which Electron the checks should assume.
      await run(bin, ['-i', here, '-o', report, '-r', '-v', 'false', '-e', '45.4.1'], {
        timeout: 55_000,
      });
      result = gate(parseReport(readFileSync(report, 'utf8')), exceptions);
      if (result.unexcused.length > 0 || result.stale.length === 0) break;
    }
    expect(result.unexcused.map(describeFinding)).toEqual([]);
    expect(
      result.stale.map((e) => `${e.check} ${e.file}`),
      'exceptions that no longer match a finding',
    ).toEqual([]);
  });
});

describe('report parsing and gating', () => {
  const csv = [
    'issue, severity, confidence, filename, location, sample, description, url',
    'SANDBOX_JS_CHECK,"MEDIUM","FIRM","main.ts","78:14","new BrowserWindow({ a, b })","x",https://x',
    'CSP_GLOBAL_CHECK,"LOW","FIRM","a.html","5:0","default-src \'self\'","y ""quoted""",https://y',
    'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","other.ts","1:1","line1\nline2","z",https://z',
    '',
  ].join('\n');

  it('parses quoted fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b,c","d ""e"""\n')).toEqual([['a', 'b,c', 'd "e"']]);
    const findings = parseReport(csv);
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({
      check: 'SANDBOX_JS_CHECK',
      severity: 'MEDIUM',
      file: 'main.ts',
      sample: 'new BrowserWindow({ a, b })',
    });
    expect(findings[2]?.sample).toBe('line1\nline2');
  });
  it('fails HIGH and MEDIUM findings without an exception, ignores LOW, and reports stale exceptions', () => {
    const justification = 'x'.repeat(40);
    const result = gate(parseReport(csv), [
      { check: 'SANDBOX_JS_CHECK', file: 'main.ts', justification },
      { check: 'WEBVIEW_CHECK', file: 'main.ts', justification },
    ]);
    expect(result.unexcused.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(result.stale.map((e) => e.check)).toEqual(['WEBVIEW_CHECK']);
  });
  it('refuses a report in another format and an exception without a real justification', () => {
    expect(() => parseReport('{"runs":[]}')).toThrow(/not an electronegativity CSV/);
    expect(
      exceptionsSchema.safeParse([{ check: 'X', file: 'y', justification: 'ok' }]).success,
    ).toBe(false);
  });
});
