import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const fixture = readFileSync(join(root, 'test', 'fixtures', 'lint', 'sql-outside-core.ts'), 'utf8');

/** The lines the rule reports when the fixture is linted as if it lived at `virtualPath`. */
async function reportedLines(virtualPath: string): Promise<number[]> {
  const [result] = await eslint.lintText(fixture, { filePath: join(root, virtualPath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'local/sql-in-core')
    .map((m) => m.line);
}

const badLines = fixture
  .split('\n')
  .flatMap((line, i) => (line.includes('// bad:') ? [i + 1] : []));

describe('local/sql-in-core', () => {
  it('reports SQL run by kiosk code outside core/, not a regular expression or a transaction', async () => {
    expect(badLines).toHaveLength(5);
    for (const folder of ['sync', 'host/services/screens', 'device', 'renderer', 'electron'])
      expect(await reportedLines(`${folder}/bad.ts`), folder).toEqual(badLines);
  });

  it('leaves core/ (where the repositories are), the cloud and tests alone', async () => {
    expect(await reportedLines('core/sync-store/fine.ts')).toEqual([]);
    expect(await reportedLines('cloud/db/fine.ts')).toEqual([]);
    expect(await reportedLines('sync/pull.test.ts')).toEqual([]);
    expect(await reportedLines('sync/test-support.ts')).toEqual([]);
  });
});
