import { describe, expect, it } from 'vitest';
import { badLinesOf, ruleMessages } from './lint-fixture';

/** The lines the rule reports when the fixture is linted as if it lived at `virtualPath`. */
const reportedLines = async (virtualPath: string) =>
  (await ruleMessages('sql-outside-core.ts', virtualPath, 'local/sql-in-core')).map((m) => m.line);

const badLines = badLinesOf('sql-outside-core.ts');

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
