/**
 * Two stores' pushes taking the same stock rows in crossing orders (issue 15). A sale takes its
 * lines off the kiosk's own store; an order (reserve in a store, ship from ONLINE) takes them from
 * the location it names, line after line. A reserves Y at S002 and then sells Z at S001 while B
 * reserves Z at S001 and then sells Y at S002: each held one row and waited for the other's, and
 * PostgreSQL killed one (40P01: a push ended early, 1 s of deadlock_timeout), even with the
 * member locks. A push now locks every stock row its new sales and orders take, up front, in
 * (location, SKU) order (cloud/push/stock-locks.ts), so the second push waits for the first.
 *
 * The interleaving is forced, not left to timing (lock-waits.ts): a third session holds a stock
 * row push A takes between its two crossing rows, so A stops holding the first; push B (the other
 * instance, the other store) runs until it waits on A; then the row is let go. Needs PostgreSQL
 * (DATABASE_URL): PGlite has one connection and cannot deadlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationEnvelope } from '../../sync/protocol';
import { lockStockRows, stockKeys } from '../push/stock-locks';
import { enrollDevice, env, saleArgs } from './harness';
import { allApplied, crossingRig, crossPushes, LINED_UP, type CrossingRig } from './lock-waits';

const URL = process.env.DATABASE_URL;
if (!URL)
  console.warn(
    '\n*** cloud/test/push-stock-locks.test.ts: the PostgreSQL cases SKIPPED (no DATABASE_URL) ***\n',
  );

/** Sizes of one dress; sorted L < M < S < XL < XS in any collation. */
const sku = (size: 'L' | 'M' | 'S' | 'XL' | 'XS') => `DRE001-WHT-${size}`;

/** A mutation a step makes, given a unique id. */
type Step = (id: string) => { name: string; args: object };

const sale =
  (s: string): Step =>
  (id) => ({ name: 'recordSale', args: saleArgs(id, { sku: s }) });
const order =
  (from: string, skus: string[]): Step =>
  (id) => ({
    name: 'placeOrder',
    args: {
      orderId: id,
      kind: from === 'ONLINE' ? 'ship-from-online' : 'reserve-in-store',
      fromLocation: from,
      lines: skus.map((s) => ({ sku: s, qty: 1 })),
      memberId: null,
      contact: null,
    },
  });

interface Crossing {
  /** The row the third session holds: push A stops there, holding the rows it took before. */
  held: { location: string; sku: string };
  /** S001's push. */
  a: Step[];
  /** S002's push: takes A's rows the other way round. */
  b: Step[];
}

const HELD_AT_S001 = { location: 'S001', sku: sku('XS') };

const CROSSINGS: [string, Crossing][] = [
  [
    'a reservation in the other store, then a sale (the issue)',
    {
      held: HELD_AT_S001,
      a: [order('S002', [sku('S')]), sale(sku('XS')), sale(sku('M'))],
      b: [order('S001', [sku('M')]), sale(sku('S'))],
    },
  ],
  [
    'a sale, then a reservation in the other store',
    {
      held: HELD_AT_S001,
      a: [sale(sku('M')), sale(sku('XS')), order('S002', [sku('S')])],
      b: [sale(sku('S')), order('S001', [sku('M')])],
    },
  ],
  [
    'shipping from ONLINE and reserving in a third store',
    {
      held: HELD_AT_S001,
      a: [order('ONLINE', [sku('L')]), sale(sku('XS')), order('S003', [sku('XL')])],
      b: [order('S003', [sku('XL')]), order('ONLINE', [sku('L')])],
    },
  ],
  [
    "one order's lines against another's, at one store",
    {
      held: { location: 'S003', sku: sku('XS') },
      a: [order('S003', [sku('M'), sku('XS'), sku('L')])],
      b: [order('S003', [sku('L'), sku('M')])],
    },
  ],
];

/** Units each `location/SKU` loses to `steps` (every line is one unit, a SKU once a mutation). */
function unitsTaken(steps: Step[], storeId: string, into: Map<string, number>) {
  for (const step of steps) {
    const { name, args } = step('x');
    for (const [location, skus] of stockKeys([env(1, name, args)], storeId))
      for (const s of skus) into.set(`${location}/${s}`, (into.get(`${location}/${s}`) ?? 0) + 1);
  }
  return into;
}

describe('the stock rows a push takes', () => {
  const mutations = [
    env(1, 'recordSale', saleArgs('s1', { sku: sku('M') })),
    env(2, 'recordSale', { ...saleArgs('s2'), lines: [{ sku: sku('M') }, { sku: sku('L') }] }),
    env(3, 'placeOrder', { fromLocation: 'ONLINE', lines: [{ sku: sku('S'), qty: 1 }] }),
    env(4, 'placeOrder', { fromLocation: 'S002', lines: [{ sku: sku('M') }] }),
    // names no stock: another mutation, lines that are no lines, a SKU no schema accepts
    env(5, 'earnPoints', { lines: [{ sku: sku('XL') }] }),
    env(6, 'recordSale', { lines: sku('XL') }),
    env(7, 'placeOrder', { fromLocation: 'S003', lines: [{ sku: 'x'.repeat(61) }] }),
    env(8, 'placeOrder', { lines: [{ sku: sku('XL') }] }),
  ];

  it("are a sale's lines at the kiosk's store and an order's at the location it names, once each", () => {
    const keys = stockKeys(mutations, 'S001');
    expect([...keys].map(([location, skus]) => [location, [...skus]])).toEqual([
      ['S001', [sku('M'), sku('L')]],
      ['ONLINE', [sku('S')]],
      ['S002', [sku('M')]],
    ]);
  });
});

describe.skipIf(!URL)('stock rows two stores push at once (PostgreSQL)', () => {
  let rig: CrossingRig;
  beforeAll(async () => {
    rig = await crossingRig();
    // enough of every size everywhere that no order is refused
    await rig.cloud.db.query("UPDATE stock SET on_hand = 1000 WHERE sku LIKE 'DRE001-WHT-%'");
  }, 120_000);
  afterAll(() => rig?.close());

  const onHand = async (keys: Iterable<string>) => {
    const { rows } = await rig.cloud.db.query<{ k: string; n: number }>(
      `SELECT location_id || '/' || sku AS k, on_hand AS n FROM stock
       WHERE location_id || '/' || sku IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...keys])],
    );
    return new Map(rows.map((r) => [r.k, r.n]));
  };

  it.each(CROSSINGS)(
    '%s: both pushes are applied in full, each unit taken once, no deadlock',
    async (title, { held, a, b }) => {
      const tag = title.replace(/\W+/g, '-');
      const [d1, d2] = [
        await enrollDevice(rig.cloud, 'S001'),
        await enrollDevice(rig.cloud, 'S002'),
      ];
      const envelopes = (side: string, steps: Step[]) =>
        steps.map((step, i): MutationEnvelope => {
          const { name, args } = step(`${tag}-${side}-${i}`);
          return env(i + 1, name, args);
        });
      const [pushA, pushB] = [envelopes('a', a), envelopes('b', b)];
      const taken = unitsTaken(b, 'S002', unitsTaken(a, 'S001', new Map()));
      const before = await onHand(taken.keys());
      const { waited, answers } = await crossPushes(
        rig,
        {
          sql: 'SELECT 1 FROM stock WHERE location_id = $1 AND sku = $2 FOR UPDATE',
          params: [held.location, held.sku],
        },
        { device: d1, mutations: pushA },
        { device: d2, mutations: pushB },
      );
      // A stopped at the held row, and B waited on A: before the fix on a row A took mid-push,
      // after it on A's rows up front
      expect(waited).toEqual(LINED_UP);
      expect(answers).toEqual([allApplied(pushA), allApplied(pushB)]);
      const after = await onHand(taken.keys());
      expect(
        new Map([...taken.keys()].map((k) => [k, (before.get(k) ?? 0) - (after.get(k) ?? 0)])),
      ).toEqual(taken);
    },
    30_000,
  );

  /** The dress's rows another session cannot lock now, as `location/SKU`. */
  const lockedRows = async () => {
    await rig.admin.query('BEGIN');
    const { rows: all } = await rig.admin.query<{ k: string }>(
      "SELECT location_id || '/' || sku AS k FROM stock WHERE sku LIKE 'DRE001-WHT-%'",
    );
    const { rows: free } = await rig.admin.query<{ k: string }>(
      `SELECT location_id || '/' || sku AS k FROM stock WHERE sku LIKE 'DRE001-WHT-%'
       FOR UPDATE SKIP LOCKED`,
    );
    await rig.admin.query('ROLLBACK');
    const freed = new Set(free.map((r) => r.k));
    return all
      .map((r) => r.k)
      .filter((k) => !freed.has(k))
      .sort();
  };

  it("locks the sales' rows at the kiosk's store and the orders' where they take from, only those", async () => {
    const mutations = [
      env(1, 'recordSale', saleArgs('s1', { sku: sku('XS') })),
      env(2, 'placeOrder', {
        orderId: 'o1',
        kind: 'ship-from-online',
        fromLocation: 'ONLINE',
        lines: [{ sku: sku('L'), qty: 1 }],
        memberId: null,
        contact: null,
      }),
      env(3, 'placeOrder', { fromLocation: 'S003', lines: [{ sku: 'NO-SUCH-SKU' }] }),
      env(4, 'earnPoints', { earnId: 'e1', memberId: 'M000001', points: 1, saleId: null }),
    ];
    const held = await rig.cloud.db.transaction(async (tx) => {
      await lockStockRows(tx, 'S002', mutations);
      return lockedRows();
    });
    expect(held).toEqual([`ONLINE/${sku('L')}`, `S002/${sku('XS')}`]);
    expect(await lockedRows()).toEqual([]);
  });
});
