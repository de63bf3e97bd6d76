/**
 * Recommendation quality on the validation split of the demo history (docs/recommendations.md):
 * trained on everything before 2026-08-12 (+08:00), scored on the styles each consenting member
 * liked or bought from 08-12 to 09-30 (members with at least 5 events before the cut). The
 * blend's weights are chosen by training itself on the seven weeks before the cut, never on this
 * period. For every signal alone and the blend: precision@5 and its ratio to popularity, each
 * with a 95 % bootstrap interval over members (paired for the ratio). "As shown" is the kiosk's
 * own path: the model saved in SQLite and ranked by `forYou` (variants that can be had, in the
 * member's size), as `kiosk recommend` prints it.
 */
import { join } from 'node:path';
import { DataKey } from '../../core/crypto/data-key';
import { importStoreFolder } from '../../core/import/importer';
import { allStoreFiles } from '../../core/import/store-files';
import {
  bootstrap,
  precisionAt,
  splitReport,
  windowTargets,
  type Method,
} from '../../core/recommend';
import {
  forYou,
  loadCatalog,
  loadEvents,
  loadMembers,
  trainLocalModel,
} from '../../core/recommend-store';
import { openDatabase, readOnly } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { demoStore, tempDir } from '../../test/support/temp';
import { round, type BenchRow } from '../support/stats';

export const name = 'recommend-quality';

const K = 5;
const METHODS: Method[] = ['popularity', 'userKnn', 'itemKnn', 'persona', 'own', 'blend'];

export async function run(): Promise<BenchRow[]> {
  const cut = Date.parse(process.env.BENCH_RECOMMEND_CUT ?? '2026-08-12T00:00:00+08:00');
  const end = Date.parse(process.env.BENCH_RECOMMEND_END ?? '2026-10-01T00:00:00+08:00');
  const now = new Date(cut);
  const dir = tempDir('kiosk-bench-');
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  try {
    migrate(db);
    importStoreFolder(db, demoStore, allStoreFiles, { key: DataKey.generate() });
    const read = readOnly(db);
    const table = loadEvents(read);
    const catalog = loadCatalog(read);
    const members = loadMembers(read);
    const report = splitReport(table, catalog, members, { cut, end, now, k: K });
    const popularity = report.precision.popularity;
    const note = `${report.members} members; train < ${new Date(cut).toISOString()}, score to ${new Date(end).toISOString()}`;
    const rows: BenchRow[] = [];
    for (const method of METHODS) {
      const values = report.precision[method];
      const p = bootstrap(values);
      const ratio = bootstrap(values, { baseline: popularity });
      rows.push({
        suite: name,
        metric: `precision@5 ${method}`,
        value: round(p.mean, 4),
        unit: '',
        ci: [round(p.low, 4), round(p.high, 4)],
        ...(method === 'popularity' ? { note } : {}),
      });
      if (method !== 'popularity')
        rows.push({
          suite: name,
          metric: `× popularity ${method}`,
          value: round(ratio.mean, 3),
          unit: '×',
          ci: [round(ratio.low, 3), round(ratio.high, 3)],
          ...(method === 'blend' ? { note: `weights ${JSON.stringify(report.weights)}` } : {}),
        });
    }

    // The kiosk's path: the same training saved in SQLite, ranked by forYou.
    trainLocalModel(db, now, { until: cut });
    const who = new Map(members.map((m) => [m.memberId, m]));
    const { byMember } = windowTargets(table, {
      from: cut,
      to: end,
      profiling: (m) => who.get(table.members.values[m] ?? '')?.profiling === true,
    });
    const shown: number[] = [];
    for (const m of [...byMember.keys()].sort((a, b) => a - b)) {
      const memberId = table.members.values[m] ?? '';
      const picks = forYou(read, {
        memberId,
        storeId: who.get(memberId)?.homeStore ?? 'S001',
        limit: K,
      });
      const styles = picks.ok
        ? picks.value.items.map((i) => table.styles.find(i.styleId) ?? -1)
        : [];
      shown.push(precisionAt(styles, byMember.get(m) ?? new Set(), K));
    }
    const p = bootstrap(shown);
    const ratio = bootstrap(shown, { baseline: popularity });
    rows.push(
      {
        suite: name,
        metric: 'precision@5 kiosk picks as shown (forYou)',
        value: round(p.mean, 4),
        unit: '',
        ci: [round(p.low, 4), round(p.high, 4)],
      },
      {
        suite: name,
        metric: '× popularity kiosk picks as shown (forYou)',
        value: round(ratio.mean, 3),
        unit: '×',
        ci: [round(ratio.low, 3), round(ratio.high, 3)],
      },
      { suite: name, metric: 'members evaluated', value: report.members, unit: '' },
    );
    return rows;
  } finally {
    db.close();
    dir.remove();
  }
}
