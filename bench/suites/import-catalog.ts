/**
 * `kiosk import` of a large catalog (default 500,000 variants: 1,025,321 rows with their stock and
 * products): rows/s of each phase of the chunked import (check, rehearse, apply), the import
 * stopped half way through its apply and resumed (the second run: no rehearsal, only the missing
 * chunks), and the one-transaction import of the same folder for comparison.
 */
import { join } from 'node:path';
import { DataKey } from '../../core/crypto';
import {
  ImportInterrupted,
  importStoreFolderChunked,
  type ImportPhase,
} from '../../core/import/chunked-import';
import { importStoreFolder } from '../../core/import/importer';
import { allStoreFiles } from '../../core/import/store-files';
import { openDatabase } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { tempDir } from '../../test/support/temp';
import { writeCatalogFolder } from '../support/catalog-folder';
import { round, type BenchRow } from '../support/stats';

export const name = 'import-catalog';

/** Seconds and rows of each phase, from the progress the import reports. */
function phaseClock() {
  const spans = new Map<ImportPhase, { from: number; to: number; rows0: number; rows: number }>();
  return {
    spans,
    onProgress(p: { phase: ImportPhase; done: number }) {
      const at = performance.now();
      const span = spans.get(p.phase);
      if (!span) spans.set(p.phase, { from: at, to: at, rows0: p.done, rows: p.done });
      else Object.assign(span, { to: at, rows: p.done });
    },
    rate(phase: ImportPhase): number {
      const s = spans.get(phase);
      return s && s.to > s.from ? ((s.rows - s.rows0) * 1000) / (s.to - s.from) : Number.NaN;
    },
  };
}

export async function run(): Promise<BenchRow[]> {
  const variants = Number(process.env.BENCH_IMPORT_VARIANTS ?? 500_000);
  const dir = tempDir('kiosk-bench-import-');
  const key = DataKey.generate();
  try {
    const folder = join(dir.path, 'store');
    await writeCatalogFolder(folder, variants);

    const db = openDatabase(join(dir.path, 'chunked.db'));
    migrate(db);
    const first = phaseClock();
    const controller = new AbortController();
    let t = performance.now();
    const stopped = await importStoreFolderChunked(db, folder, allStoreFiles, {
      key,
      signal: controller.signal,
      onProgress(p) {
        first.onProgress(p);
        if (p.phase === 'apply' && p.done >= p.total / 2) controller.abort();
      },
    }).catch((error: unknown) => error);
    const firstS = (performance.now() - t) / 1000;
    if (!(stopped instanceof ImportInterrupted)) throw new Error('the import was not stopped');
    const second = phaseClock();
    t = performance.now();
    const resumed = await importStoreFolderChunked(db, folder, allStoreFiles, {
      key,
      onProgress: second.onProgress,
    });
    const resumeS = (performance.now() - t) / 1000;
    db.close();
    const rows = resumed.run.totalRows;
    if (second.spans.has('rehearse')) throw new Error('the resumed import rehearsed again');

    const one = openDatabase(join(dir.path, 'one.db'));
    migrate(one);
    t = performance.now();
    importStoreFolder(one, folder, allStoreFiles, { key });
    const oneS = (performance.now() - t) / 1000;
    one.close();

    const perS = (phase: ImportPhase, clock = first) => round(clock.rate(phase), 0);
    const note = `${rows.toLocaleString('en-US')} rows`;
    return [
      {
        suite: name,
        metric: 'check rows/s (parse and row schema)',
        value: perS('check'),
        unit: 'rows/s',
        note,
      },
      {
        suite: name,
        metric: 'rehearse rows/s (rolled back)',
        value: perS('rehearse'),
        unit: 'rows/s',
      },
      {
        suite: name,
        metric: 'apply rows/s (50,000-row chunks)',
        value: perS('apply'),
        unit: 'rows/s',
      },
      {
        suite: name,
        metric: 'stopped at half of the apply, after',
        value: round(firstS, 1),
        unit: 's',
        note: `${resumed.resumedFrom.toLocaleString('en-US')} rows applied`,
      },
      {
        suite: name,
        metric: 'resumed run (check + the missing chunks)',
        value: round(resumeS, 1),
        unit: 's',
        note: `chunks applied over both runs: ${resumed.run.chunksApplied} of ${Math.ceil(rows / 50_000)}`,
      },
      {
        suite: name,
        metric: 'one-transaction import (no resume)',
        value: round(oneS, 1),
        unit: 's',
        note,
      },
    ];
  } finally {
    dir.remove();
  }
}
