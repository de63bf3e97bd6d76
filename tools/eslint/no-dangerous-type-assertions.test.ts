import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const fixture = readFileSync(join(root, 'test', 'fixtures', 'lint', 'type-assertions.ts'), 'utf8');

/** The lines the rule reports when the fixture is linted as if it lived at `virtualPath`. */
async function reportedLines(virtualPath: string): Promise<number[]> {
  const [result] = await eslint.lintText(fixture, { filePath: join(root, virtualPath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'local/no-dangerous-type-assertions')
    .map((m) => m.line);
}

const badLines = fixture
  .split('\n')
  .flatMap((line, i) => (line.includes('// bad:') ? [i + 1] : []));

describe('local/no-dangerous-type-assertions', () => {
  it('reports shapes, objects built by assertion, forced casts and parsed JSON in app code', async () => {
    expect(badLines).toHaveLength(6);
    expect(await reportedLines('host/bad.ts')).toEqual(badLines);
    expect(await reportedLines('renderer/store/bad.ts')).toEqual(badLines);
  });

  it('leaves tests alone: they may assert the shape of what they read back', async () => {
    expect(await reportedLines('host/bad.test.ts')).toEqual([]);
    expect(await reportedLines('test/faults/bad.ts')).toEqual([]);
  });
});
