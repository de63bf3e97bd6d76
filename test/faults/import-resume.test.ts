/**
 * `kiosk import` of a large catalog killed midway (SIGKILL: no chance to clean up; SIGTERM: stops
 * between chunks) and run again on the same folder: the store holds whole chunks only, the re-run
 * applies only the chunks still missing (no rehearsal, no chunk twice) and ends with every row.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCatalogFolder } from '../../bench/support/catalog-folder';
import { lastImportRun } from '../../core/import/import-progress';
import { openDatabase } from '../../core/store/db';
import { repoRoot, tempDir } from '../support/temp';

const VARIANTS = 30_000;
const CHUNK = 2_000;
// stores 3, products 1,500, variants, stock, channels 2, tiers 4, coupons 8, members 300, staff 4
const TOTAL = 3 + VARIANTS / 20 + 2 * VARIANTS + 2 + 4 + 8 + 300 + 4;

let dir: ReturnType<typeof tempDir>;
let folder: string;

beforeAll(async () => {
  dir = tempDir('kiosk-import-resume-');
  folder = join(dir.path, 'store');
  await writeCatalogFolder(folder, VARIANTS);
});
afterAll(() => dir.remove());

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `kiosk import` in a child process; `killAt` sends a signal once the apply phase passes 20 %. */
function runImport(dataDir: string, killAt?: NodeJS.Signals): Promise<Run> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), 'import', folder], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_IMPORT_CHUNK_ROWS: String(CHUNK) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
    const pct = /import: apply {2}(\d+)%/.exec(String(chunk));
    if (killAt && !sent && pct && Number(pct[1]) >= 20) {
      sent = true;
      child.kill(killAt);
    }
  });
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

function storeFacts(dataDir: string) {
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  try {
    const count = (table: string) =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
    return {
      run: lastImportRun(db),
      rows: ['stores', 'products', 'variants', 'stock', 'members', 'staff'].map(count),
      stockSum: db.prepare<[], { s: number }>('SELECT sum(on_hand) AS s FROM stock').get()?.s,
    };
  } finally {
    db.close();
  }
}

/** Rows of each table a prefix of `applied` rows of the import holds (files in import order). */
function prefixRows(applied: number): number[] {
  const sizes = [3, VARIANTS / 20, VARIANTS, VARIANTS, 2, 4, 8, 300, 4];
  let left = applied;
  const taken = sizes.map((size) => {
    const n = Math.min(size, left);
    left -= n;
    return n;
  });
  // stores, products, variants, stock, members, staff
  return [0, 1, 2, 3, 7, 8].map((i) => taken[i] ?? 0);
}

const allChunks = Math.ceil(TOTAL / CHUNK);
// on_hand is i % 9 for variant i
const stockSum = Array.from({ length: VARIANTS }, (_, i) => i % 9).reduce((a, b) => a + b, 0);

describe.each(['SIGKILL', 'SIGTERM'] as const)('kiosk import stopped by %s', (signal) => {
  it(
    'keeps whole chunks, then the re-run applies only the rest and ends with every row',
    {
      timeout: 180_000,
    },
    async () => {
      const dataDir = join(dir.path, `data-${signal}`);
      const stopped = await runImport(dataDir, signal);
      if (signal === 'SIGKILL') expect(stopped.signal).toBe('SIGKILL');
      else {
        // stopped between chunks, said how far it got and how to go on
        expect(stopped.code).toBe(130);
        expect(stopped.stderr).toMatch(
          /import interrupted after \d+ of 61,?821 rows; run it again/,
        );
      }
      const after = storeFacts(dataDir);
      expect(after.run).toMatchObject({ totalRows: TOTAL, rehearsed: true, finished: false });
      const applied = after.run?.rowsApplied ?? 0;
      expect(applied).toBeGreaterThan(0);
      expect(applied).toBeLessThan(TOTAL);
      expect(applied % CHUNK).toBe(0); // whole chunks only
      expect(after.run?.chunksApplied).toBe(applied / CHUNK);
      expect(after.rows).toEqual(prefixRows(applied));

      const resumed = await runImport(dataDir);
      expect(resumed.code).toBe(0);
      // no second rehearsal; the apply goes on from the rows already there
      expect(resumed.stderr).not.toMatch(/rehearse/);
      expect(resumed.stderr).toMatch(
        new RegExp(`import: apply {2}\\d+% ${applied.toLocaleString('en-US')}/61,821 rows`),
      );
      const done = storeFacts(dataDir);
      expect(done.run).toMatchObject({ rowsApplied: TOTAL, finished: true });
      expect(done.run?.chunksApplied).toBe(allChunks); // no chunk applied twice
      expect(done.rows).toEqual([3, VARIANTS / 20, VARIANTS, VARIANTS, 300, 4]);
      expect(done.stockSum).toBe(stockSum);
      // the changed counts add up over both runs
      expect(resumed.stdout).toContain(`variants.csv: ${VARIANTS} rows, ${VARIANTS} changed`);
      expect(resumed.stdout).toContain(`imported: ${TOTAL} rows changed`);
      // plain lines, not a bar: stderr is a pipe here
      expect(resumed.stderr).not.toContain('\r');
      expect(resumed.stderr).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z import: apply {2}100% .*done in/m);
    },
  );
});
