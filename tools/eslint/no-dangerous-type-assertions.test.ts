import { describe, expect, it } from 'vitest';
import { badLinesOf, ruleMessages } from './lint-fixture';

/** The lines the rule reports when the fixture is linted as if it lived at `virtualPath`. */
const reportedLines = async (virtualPath: string) =>
  (await ruleMessages('type-assertions.ts', virtualPath, 'local/no-dangerous-type-assertions')).map(
    (m) => m.line,
  );

const badLines = badLinesOf('type-assertions.ts');

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
