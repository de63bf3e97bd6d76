/** The screen services stay untied: no file of this folder imports itself back, even by type. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, sourceFiles } from '../../../test/support/import-graph';
import { repoRoot } from '../../../test/support/temp';

describe('host/services/screens imports', () => {
  it('form no cycle', () => {
    const files = sourceFiles(import.meta.dirname);
    expect(files.length).toBeGreaterThan(20);
    expect(importCycles(files, repoRoot)).toEqual([]);
  });

  it('the check finds a cycle, also one closed by a type-only import', () => {
    const folder = join(repoRoot, 'test', 'fixtures', 'import-cycle');
    expect(importCycles(sourceFiles(folder), repoRoot)).toEqual([
      ['test/fixtures/import-cycle/a.ts', 'test/fixtures/import-cycle/b.ts'],
    ]);
  });
});
