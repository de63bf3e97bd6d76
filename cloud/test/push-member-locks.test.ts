/**
 * Two stores' pushes naming the same two members in crossing orders (issue 15, reconnect storm).
 * Members are brand-wide: a push locks a member when its try-ons are inserted (the try-on trigger),
 * when its sales are folded at COMMIT, or by updating the member's row (points); two pushes that
 * took their members in opposite orders deadlocked and PostgreSQL killed one (40P01: a 500 or a
 * push ended early, sent again by the kiosk). A push now locks every member it names up front, in
 * one sorted order (cloud/push/member-locks.ts), so the second push waits for the first instead.
 *
 * The interleaving is forced, not left to timing: a third session holds the stock row push A's
 * sale updates, so A stops after taking its first member; push B (the other instance, the other
 * store) runs until it waits on A; then the stock row is let go. Needs PostgreSQL (DATABASE_URL):
 * PGlite has one connection and cannot deadlock.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import {
  enrollDevice,
  env,
  lookup,
  push,
  rawPgClient,
  saleArgs,
  secondInstance,
  startCloud,
  type Cloud,
} from './harness';
import { lockNamedMembers } from '../push/member-locks';

const URL = process.env.DATABASE_URL;
if (!URL)
  console.warn(
    '\n*** cloud/test/push-member-locks.test.ts SKIPPED: needs PostgreSQL (DATABASE_URL) ***\n',
  );

/** Two demo members of S003, so both kiosks (S001, S002) need presence tickets: id → card. */
const M1 = 'M000001';
const M3 = 'M000003';
const CARDS = { [M1]: '6280000000000016', [M3]: '6280000000000032' } as const;
/** Regular members of S002 and S003 (two each) and one of S001: their consent moves the (home store, tier) counts. */
const CARDS_BY_HOME = {
  M000007: '6280000000000073',
  M000012: '6280000000000123',
  M000010: '6280000000000107',
  M000016: '6280000000000164',
  M000008: '6280000000000081',
  M000015: '6280000000000156',
} as const;
/** The SKU whose S001 stock row the third session holds. */
const HELD_SKU = 'DRE001-WHT-XS';

type Step = (
  id: string,
  tickets: ReadonlyMap<string, string>,
) => { name: string; args: object; version?: number; presence?: string };

const tryOn =
  (memberId: string): Step =>
  (id, tickets) => ({
    name: 'logTryOn',
    version: 2,
    presence: tickets.get(memberId),
    args: {
      tryOnId: id,
      sessionId: `visit-${id}`,
      sku: 'KNI002-BEI-XL',
      memberId,
      outcome: 'tried',
      reason: null,
      at: '2026-11-20T09:00:00Z',
    },
  });
/** Not commuting with try-ons: the try-ons before it are inserted before it runs. */
const look: Step = () => ({
  name: 'shareLook',
  args: {
    token: randomBytes(16).toString('base64url').slice(0, 22),
    revision: 1,
    skus: ['KNI002-BEI-XL'],
    expiresAt: '2026-11-21T09:00:00Z',
  },
});
const sale =
  (memberId: string | null): Step =>
  (id, tickets) => ({
    name: 'recordSale',
    presence: memberId ? tickets.get(memberId) : undefined,
    args: saleArgs(id, { memberId, sku: HELD_SKU }),
  });
const earn =
  (memberId: string): Step =>
  (id, tickets) => ({
    name: 'earnPoints',
    presence: tickets.get(memberId),
    args: { earnId: id, memberId, points: 10, saleId: null },
  });

/** Not commuting with try-ons either; moves the member's home store × tier count (HQ upkeep). */
const noMarketing =
  (memberId: string): Step =>
  (id, tickets) => ({
    name: 'recordConsent',
    presence: tickets.get(memberId),
    args: { consentId: id, memberId, kind: 'marketing', granted: false },
  });

/** A shopper signing up at the kiosk: a new member of the kiosk's store (phone unique per test). */
const signUp: Step = (id) => ({
  name: 'registerMember',
  args: {
    provisionalId: `P-${id}`,
    name: '新会员',
    phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    gender: null,
    birthday: null,
    consentProfile: true,
    consentMarketing: false,
  },
});

interface Crossing {
  /** Store S001's push: stops at its sale (stock row held) holding its first member. */
  a: Step[];
  /** Store S002's push: takes the members the other way round. */
  b: Step[];
}

const CROSSINGS: [string, Crossing][] = [
  [
    'try-on lock, then the sales fold at COMMIT',
    { a: [tryOn(M1), look, sale(M3)], b: [tryOn(M3), look, sale(M1)] },
  ],
  ['member rows (points)', { a: [earn(M1), sale(null), earn(M3)], b: [earn(M3), earn(M1)] }],
  [
    'a try-on lock against a member row',
    { a: [tryOn(M1), look, sale(null), earn(M3)], b: [earn(M3), sale(M1)] },
  ],
  [
    'consent of four members, two home stores',
    {
      a: [noMarketing('M000010'), sale(null), noMarketing('M000007')],
      b: [noMarketing('M000012'), noMarketing('M000016')],
    },
  ],
  [
    'a sign-up at each store, consent of a member of the other',
    {
      a: [signUp, sale(null), noMarketing('M000008')],
      b: [signUp, noMarketing('M000015')],
    },
  ],
];

/** The backend waiting on `pid`'s locks, once there is one; null if `settled` first. */
async function waiterOn(admin: pg.Client, pid: number, settled: () => boolean) {
  for (let i = 0; i < 400 && !settled(); i++) {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
      [pid],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

const tracked = <T>(p: Promise<T>) => {
  const t = { done: false, p: p.finally(() => (t.done = true)) };
  return t;
};

describe.skipIf(!URL)('two stores push crossing members at once (PostgreSQL)', () => {
  let cloud: Cloud;
  let other: Awaited<ReturnType<typeof secondInstance>>;
  let holder: pg.Client;
  let admin: pg.Client;
  beforeAll(async () => {
    cloud = await startCloud('pg');
    other = await secondInstance(cloud);
    [holder, admin] = [await rawPgClient(cloud), await rawPgClient(cloud)];
  }, 120_000);
  afterAll(async () => {
    await holder?.end();
    await admin?.end();
    await other?.close();
    await cloud?.close();
  });

  const ticketsFor = async (dev: EnrollResponse) => {
    const tickets = new Map<string, string>();
    for (const [id, cardNo] of Object.entries({ ...CARDS, ...CARDS_BY_HOME })) {
      const res = await lookup(cloud, dev.token, { cardNo });
      const ticket = res.json<{ presence?: { ticket: string } }>().presence?.ticket;
      if (ticket) tickets.set(id, ticket);
    }
    return tickets;
  };
  const envelopes = (tag: string, steps: Step[], tickets: ReadonlyMap<string, string>) =>
    steps.map((step, i): MutationEnvelope => {
      const { name, args, version, presence } = step(`${tag}-${i}`, tickets);
      return env(i + 1, name, args, { version, presence });
    });

  it.each(CROSSINGS)(
    '%s: both pushes are answered in full, no deadlock',
    async (title, { a, b }) => {
      const tag = title.replace(/\W+/g, '-');
      const [d1, d2] = [await enrollDevice(cloud, 'S001'), await enrollDevice(cloud, 'S002')];
      const pushA = envelopes(`${tag}-a`, a, await ticketsFor(d1));
      const pushB = envelopes(`${tag}-b`, b, await ticketsFor(d2));
      const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await holder.query('BEGIN');
      await holder.query("SELECT 1 FROM stock WHERE sku = $1 AND location_id = 'S001' FOR UPDATE", [
        HELD_SKU,
      ]);
      const one = tracked(push(cloud, d1, 'e1', pushA));
      const pidA = await waiterOn(admin, rows[0]?.pid ?? -1, () => one.done);
      const two = tracked(push({ ...cloud, app: other.app }, d2, 'e1', pushB));
      // B waits on A: before the fix mid-push or at COMMIT, after it on A's member locks up front
      const pidB = pidA === null ? null : await waiterOn(admin, pidA, () => two.done);
      await holder.query('COMMIT');
      const [resA, resB] = [await one.p, await two.p];
      // the interleaving happened (A stopped at the held row, B waited on A)
      expect({ pidA, pidB }).toEqual({ pidA: expect.any(Number), pidB: expect.any(Number) });
      const answered = (res: typeof resA) => ({
        status: res.statusCode,
        results:
          res.statusCode === 200
            ? res.json<{ results: { status: string }[] }>().results.map((r) => r.status)
            : res.body,
      });
      expect([answered(resA), answered(resB)]).toEqual([
        { status: 200, results: pushA.map(() => 'applied') },
        { status: 200, results: pushB.map(() => 'applied') },
      ]);
    },
    30_000,
  );
});

describe.skipIf(!URL)('the lock pass (PostgreSQL)', () => {
  let cloud: Cloud;
  let other: pg.Client;
  beforeAll(async () => {
    cloud = await startCloud('pg');
    other = await rawPgClient(cloud);
  }, 120_000);
  afterAll(async () => {
    await other?.end();
    await cloud?.close();
  });

  /** Whether another session can take `key`'s advisory lock now (it lets it go at once). */
  const free = async (key: string) => {
    const { rows } = await other.query<{ got: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS got',
      [key],
    );
    if (rows[0]?.got) await other.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    return rows[0]?.got;
  };

  it('locks a provisional id as the member it stands for, and the homes whose counts move', async () => {
    await cloud.db.query(
      "INSERT INTO member_aliases (provisional_id, member_id, merged, created_at) VALUES ('P-42', 'M000020', false, now())",
    );
    const named = [
      env(1, 'earnPoints', { earnId: 'e1', memberId: 'P-42', points: 1, saleId: null }),
      env(2, 'recordConsent', {
        consentId: 'c1',
        memberId: 'M000007',
        kind: 'photo',
        granted: true,
      }),
      env(3, 'logTryOn', { memberId: 'x'.repeat(41) }),
    ];
    const held = await cloud.db.transaction(async (tx) => {
      await lockNamedMembers(tx, 'S001', named);
      return {
        permanent: await free('hq-member:M000020'),
        provisional: await free('hq-member:P-42'),
        consenting: await free('hq-member:M000007'),
        theirHome: await free('hq-home-members:S002'),
        ownHome: await free('hq-home-members:S001'),
      };
    });
    // the member's lock, the consenting member's home; not the alias text, not the own store (no
    // sign-up), and an id no member can have is ignored
    expect(held).toEqual({
      permanent: false,
      provisional: true,
      consenting: false,
      theirHome: false,
      ownHome: true,
    });
    expect(await free('hq-member:M000020')).toBe(true);
  });
});
