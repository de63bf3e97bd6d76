/** Lints a fixture of test/fixtures/lint as if it lived at a path of the repository (rule tests). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

export function lintFixtureText(fixture: string): string {
  return readFileSync(join(root, 'test', 'fixtures', 'lint', fixture), 'utf8');
}

/** The messages of one rule for the fixture linted at `virtualPath`. */
export async function ruleMessages(
  fixture: string,
  virtualPath: string,
  ruleId: string,
): Promise<{ line: number; message: string }[]> {
  const [result] = await eslint.lintText(lintFixtureText(fixture), {
    filePath: join(root, virtualPath),
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === ruleId)
    .map((m) => ({ line: m.line, message: m.message }));
}

/** The 1-based lines of the fixture marked `// bad:`. */
export function badLinesOf(fixture: string): number[] {
  return lintFixtureText(fixture)
    .split('\n')
    .flatMap((line, i) => (line.includes('// bad:') ? [i + 1] : []));
}
