/**
 * What the rollup upkeep costs a push: one kiosk pushes batches of try-ons (sessions of 3–4
 * garments, a third by members) and sales (1–3 lines) into the brand at scale, alternately with
 * the HQ upkeep triggers on and off (ALTER TABLE … DISABLE TRIGGER, the hq_* ones on tryons, sales
 * and the stock a sale takes), in the same run, so both sides see the same data size and the same machine noise.
 *
 * Since cloud migration 380 the triggers only note what a push wrote and the cloud's background
 * folder applies the notes after COMMIT, concurrently with the next pushes (as in production).
 * So the "with" side's pushes run while the folder works; after each "with" phase the rest of its
 * notes is folded (hq_fold_all) and timed, and the sustained rate counts that too: mutations ÷
 * (the phase's pushes + the fold of what they left). The "without" side starts with nothing noted.
 */
import type { Db } from '../../cloud/db/db';
import { foldAll } from '../../cloud/hq/rollups/fold';
import { enrollDevice, env, push, type Cloud } from '../../cloud/test/harness';
import type { MutationEnvelope } from '../../sync/protocol';
import { median, round, type BenchRow } from './stats';

const TRIGGERS: [table: string, trigger: string][] = [
  ['tryons', 'hq_before_tryon'],
  ['tryons', 'hq_tryon'],
  ['sales', 'hq_sale'],
  ['stock', 'hq_stock'],
  ['stock', 'hq_stock_insert'],
  ['stock', 'hq_stock_delete'],
];

async function setUpkeep(db: Db, on: boolean): Promise<void> {
  for (const [table, trigger] of TRIGGERS)
    await db.exec(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`);
}

export interface PushRatio {
  mutations: number;
  withUpkeepPerS: number;
  withoutUpkeepPerS: number;
  /** 1 − with/without: the share of push throughput the upkeep takes. */
  upkeepCost: number;
  /** Mutations ÷ (pushes + folding what they left), per "with" phase, median. */
  sustainedWithUpkeepPerS: number;
  /** 1 − sustained/without: the upkeep's whole cost, folds included. */
  sustainedUpkeepCost: number;
  /** Folding what a "with" phase left after its last push, median. */
  foldTailMs: number;
}

export async function measurePushRatio(
  cloud: Cloud,
  opts: { storeId: string; batches: number; batchSize: number; rounds: number },
): Promise<PushRatio> {
  const dev = await enrollDevice(cloud, opts.storeId);
  const { rows: members } = await cloud.db.query<{ member_id: string }>(
    'SELECT member_id FROM members WHERE home_store = $1 AND NOT erased ORDER BY member_id LIMIT 200',
    [opts.storeId],
  );
  const { rows: skus } = await cloud.db.query<{ sku: string; price: number }>(
    "SELECT sku, price_cents AS price FROM variants WHERE sku LIKE 'BST%' ORDER BY sku LIMIT 2000",
  );
  let seq = 0;
  let n = 0;
  // Ids of this run only: on a reused database (HQ_BENCH_REUSE=1) an earlier run's ids would be
  // duplicates, inserted as nothing, and the push would measure no upkeep at all.
  const run = Date.now().toString(36);
  const pick = <T>(list: readonly T[], i: number): T | null => list[i % list.length] ?? null;
  const batch = (): MutationEnvelope[] => {
    const out: MutationEnvelope[] = [];
    while (out.length < opts.batchSize) {
      n++;
      const session = `PS${run}-${n}`;
      const member = n % 3 === 0 ? (pick(members, n)?.member_id ?? null) : null;
      const at = new Date(Date.parse('2026-09-30T03:00:00Z') + n * 1000).toISOString();
      for (let g = 0; g < 3 + (n % 2); g++) {
        const sku = pick(skus, n * 7 + g)?.sku ?? '';
        const outcome = ['liked', 'rejected', 'bought', 'size-swap'][(n + g) % 4];
        const reason = outcome === 'rejected' ? 'too-small' : null;
        out.push(
          env(
            ++seq,
            'logTryOn',
            {
              tryOnId: `PT${run}-${n}-${g}`,
              sessionId: session,
              sku,
              memberId: member,
              outcome,
              reason,
              at,
            },
            { version: 2 },
          ),
        );
      }
      const lines = [0, 1, 2].slice(0, 1 + (n % 3)).map((l) => {
        const s = pick(skus, n * 7 + l);
        return { sku: s?.sku ?? '', qty: 1, unitPriceCents: s?.price ?? 0, discountCents: 0 };
      });
      const total = lines.reduce((sum, l) => sum + l.unitPriceCents, 0);
      out.push(
        env(++seq, 'recordSale', {
          saleId: `PX${run}-${n}`,
          memberId: member,
          lines,
          totalCents: total,
          payments: [{ method: 'wechat', amountCents: total }],
          soldAt: at,
        }),
      );
    }
    return out;
  };
  /** Pushes `opts.batches` batches with the upkeep on or off; the time of each batch. */
  const sustained: number[] = [];
  const tails: number[] = [];
  const timed = async (on: boolean) => {
    await setUpkeep(cloud.db, on);
    const times: number[] = [];
    const start = performance.now();
    for (let b = 0; b < opts.batches; b++) {
      const mutations = batch();
      const t0 = performance.now();
      const res = await push(cloud, dev, 'bench', mutations);
      times.push(performance.now() - t0);
      const results: { status: string; result?: { recorded?: boolean } }[] =
        res.json().results ?? [];
      // applied and recorded: a try-on or sale already there is "applied" but writes nothing
      const applied = results.filter(
        (r) => r.status === 'applied' && r.result?.recorded !== false,
      ).length;
      if (res.statusCode !== 200 || applied !== mutations.length)
        throw new Error(`push ${res.statusCode}: ${applied}/${mutations.length} applied`);
    }
    if (on) {
      const pushed = performance.now();
      await foldAll(cloud.db);
      const end = performance.now();
      tails.push(end - pushed);
      sustained.push(((opts.batches * opts.batchSize) / (end - start)) * 1000);
    }
    return times;
  };
  const times = { with: [] as number[], without: [] as number[] };
  try {
    await timed(true); // warm-up, not counted
    sustained.length = 0;
    tails.length = 0;
    for (let r = 0; r < opts.rounds; r++) {
      for (const side of r % 2 === 0
        ? (['with', 'without'] as const)
        : (['without', 'with'] as const))
        times[side].push(...(await timed(side === 'with')));
    }
  } finally {
    await setUpkeep(cloud.db, true);
  }
  // The median batch, not the sum: a burst from another process on this shared machine lands on
  // a few batches of one side and would otherwise decide the ratio.
  const rate = (t: number[]) => (opts.batchSize / median(t)) * 1000;
  const withRate = rate(times.with);
  const withoutRate = rate(times.without);
  return {
    mutations: (times.with.length + times.without.length) * opts.batchSize,
    withUpkeepPerS: round(withRate, 0),
    withoutUpkeepPerS: round(withoutRate, 0),
    upkeepCost: round(1 - withRate / withoutRate, 3),
    sustainedWithUpkeepPerS: round(median(sustained), 0),
    sustainedUpkeepCost: round(1 - median(sustained) / withoutRate, 3),
    foldTailMs: round(median(tails), 1),
  };
}

/**
 * Phases of 25 batches of 200 (5,000 mutations, under a second): long enough for the folder's
 * cadence (a step every 200 ms when idle) to overlap the pushes as it does under a steady load.
 */
export const PUSH_PHASE = { batchSize: 200, batches: 25 } as const;

/** The bench rows of a PushRatio; `row` names them by suite and database. */
export function pushRatioRows(
  push: PushRatio,
  row: (metric: string, value: number, unit: string, note?: string) => BenchRow,
): BenchRow[] {
  return [
    row('push with upkeep', push.withUpkeepPerS, 'mutations/s'),
    row('push without upkeep', push.withoutUpkeepPerS, 'mutations/s'),
    row('upkeep cost (1 − with/without)', push.upkeepCost, 'ratio', `${push.mutations} mutations`),
    row('push + fold with upkeep (sustained)', push.sustainedWithUpkeepPerS, 'mutations/s'),
    row('upkeep cost, folds included (1 − sustained/without)', push.sustainedUpkeepCost, 'ratio'),
    row('fold of what a phase left after its last push', push.foldTailMs, 'ms'),
  ];
}
