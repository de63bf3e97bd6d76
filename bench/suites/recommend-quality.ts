/**
 * Recommendation quality on a time split of the demo history: the tables are built from history
 * before the cut only, and each consenting member who bought something after the cut (and has
 * history before it) gets 5 recommendations. Hit-rate@5 = the share of those members who bought
 * at least one of the 5 recommended styles after the cut. Ours (forYou ∪ completeTheLook of the
 * member's last visit before the cut) against the popularity baseline (top 5 of the gender).
 */
import { join } from 'node:path';
import { DataKey } from '../../core/crypto/data-key';
import { importStoreFolder } from '../../core/import/importer';
import { allStoreFiles } from '../../core/import/store-files';
import { completeTheLook, forYou, popular, rebuildAffinity } from '../../core/recommend';
import type { Gender, Recommendation } from '../../core/recommend';
import { openDatabase, readOnly, type ReadableDB } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { demoStore, tempDir } from '../../test/support/temp';
import { round, type BenchRow } from '../support/stats';

export const name = 'recommend-quality';

const K = 5;
/** How many of the five come from "complete the look" of the member's last visit. */
const LOOK_SLOTS = Number(process.env.BENCH_LOOK_SLOTS ?? 1);

interface Member {
  memberId: string;
  gender: Gender | null;
  storeId: string;
}

/** The skus of the member's last session or sale before the cut: the "visit" to complete. */
function lastVisit(db: ReadableDB, memberId: string, cut: string): string[] {
  const last = db
    .prepareRead<[{ m: string; cut: string }], { g: string; kind: string }>(
      `SELECT g, kind FROM (
         SELECT session_id AS g, 'tryon' AS kind, max(ts) AS at FROM history_tryons
         WHERE member_id = @m AND unixepoch(ts) < unixepoch(@cut) GROUP BY session_id
         UNION ALL
         SELECT txn_id, 'sale', max(ts) FROM history_transactions
         WHERE member_id = @m AND unixepoch(ts) < unixepoch(@cut) GROUP BY txn_id)
       ORDER BY unixepoch(at) DESC LIMIT 1`,
    )
    .get({ m: memberId, cut });
  if (!last) return [];
  const sql =
    last.kind === 'tryon'
      ? 'SELECT sku FROM history_tryons WHERE session_id = ?'
      : 'SELECT sku FROM history_transactions WHERE txn_id = ?';
  return db
    .prepareRead<[string], { sku: string }>(sql)
    .all(last.g)
    .map((r) => r.sku);
}

/**
 * The mirror's five: the best `k - look` personal picks, then the best `look` complete-the-look
 * items, topped up from the rest of the personal picks; one item per style.
 */
export function combine(
  personal: readonly Recommendation[],
  completing: readonly Recommendation[],
  k: number,
  look: number,
): Recommendation[] {
  const out: Recommendation[] = [];
  const seen = new Set<string>();
  const take = (items: readonly Recommendation[], upTo: number) => {
    for (const item of items) {
      if (out.length >= upTo) return;
      if (seen.has(item.styleId)) continue;
      seen.add(item.styleId);
      out.push(item);
    }
  };
  take(personal, k - look);
  take(completing, k);
  take(personal, k);
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const cutText = process.env.BENCH_RECOMMEND_CUT ?? '2026-09-01T00:00:00+08:00';
  const cut = new Date(cutText);
  const dir = tempDir('kiosk-bench-');
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  try {
    migrate(db);
    importStoreFolder(db, demoStore, allStoreFiles, { key: DataKey.generate() });
    const built = rebuildAffinity(db, { before: cut });
    if (!built.ok) throw new Error(built.error.message);
    const r = readOnly(db);
    const members = r
      .prepareRead<[{ cut: string }], Member>(
        `SELECT m.member_id AS memberId, m.gender AS gender, coalesce(m.home_store, 'S001') AS storeId
         FROM members m
         WHERE m.consent_profile = 1 AND m.erased_at IS NULL
           AND EXISTS (SELECT 1 FROM history_transactions h WHERE h.member_id = m.member_id
                         AND unixepoch(h.ts) >= unixepoch(@cut))
           AND (EXISTS (SELECT 1 FROM history_transactions h WHERE h.member_id = m.member_id
                          AND unixepoch(h.ts) < unixepoch(@cut))
             OR EXISTS (SELECT 1 FROM history_tryons t WHERE t.member_id = m.member_id
                          AND unixepoch(t.ts) < unixepoch(@cut)))
         ORDER BY m.member_id`,
      )
      .all({ cut: cut.toISOString() });
    const boughtAfter = r.prepareRead<[{ m: string; cut: string }], { styleId: string }>(
      `SELECT DISTINCT v.style_id AS styleId FROM history_transactions h
       JOIN variants v ON v.sku = h.sku
       WHERE h.member_id = @m AND unixepoch(h.ts) >= unixepoch(@cut)`,
    );
    const hits = { combined: 0, forYou: 0, look: 0, popular: 0 };
    const popularByGender = new Map<string, Recommendation[]>();
    for (const m of members) {
      const bought = new Set(
        boughtAfter.all({ m: m.memberId, cut: cut.toISOString() }).map((x) => x.styleId),
      );
      const hit = (items: readonly Recommendation[]) =>
        items.slice(0, K).some((item) => bought.has(item.styleId)) ? 1 : 0;
      const mine = forYou(r, { memberId: m.memberId, storeId: m.storeId, limit: K, before: cut });
      const look = completeTheLook(r, {
        skus: lastVisit(r, m.memberId, cut.toISOString()),
        gender: m.gender,
        storeId: m.storeId,
        limit: K,
      });
      const key = `${m.gender ?? 'U'}:${m.storeId}`;
      let top = popularByGender.get(key);
      if (!top) {
        top = popular(r, { before: cut, gender: m.gender, storeId: m.storeId, limit: K });
        popularByGender.set(key, top);
      }
      const mineItems = mine.ok ? mine.value.items : [];
      hits.forYou += hit(mineItems);
      hits.look += hit(look);
      hits.combined += hit(combine(mineItems, look, K, LOOK_SLOTS));
      hits.popular += hit(top);
    }
    const n = members.length;
    const rate = (h: number) => (n === 0 ? 0 : round((100 * h) / n, 1));
    const note = `${n} members, cut ${cutText}`;
    return [
      {
        suite: name,
        metric: `hit-rate@5 forYou ∪ completeTheLook (${K - LOOK_SLOTS}+${LOOK_SLOTS})`,
        value: rate(hits.combined),
        unit: '%',
        note,
      },
      {
        suite: name,
        metric: 'hit-rate@5 popularity baseline',
        value: rate(hits.popular),
        unit: '%',
        note,
      },
      { suite: name, metric: 'hit-rate@5 forYou alone', value: rate(hits.forYou), unit: '%' },
      {
        suite: name,
        metric: 'hit-rate@5 completeTheLook (last visit)',
        value: rate(hits.look),
        unit: '%',
      },
      { suite: name, metric: 'members evaluated', value: n, unit: '' },
    ];
  } finally {
    db.close();
    dir.remove();
  }
}
