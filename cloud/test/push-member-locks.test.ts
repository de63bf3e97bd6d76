/**
 * Two stores' pushes naming the same two members in crossing orders (issue 15, reconnect storm).
 * Members are brand-wide: a push locks a member when its try-ons are inserted (the try-on trigger),
 * when its sales are folded at COMMIT, or by updating the member's row (points); two pushes that
 * took their members in opposite orders deadlocked and PostgreSQL killed one (40P01: a 500 or a
 * push ended early, sent again by the kiosk). A push now locks every member it names up front, in
 * one sorted order (cloud/push/member-locks.ts), so the second push waits for the first instead.
 *
 * The interleaving is forced, not left to timing: a third session holds the row of a look push A
 * shares (another kiosk's token), so A stops after taking its first member; push B (the other
 * instance, the other store) runs until it waits on A; then the row is let go. (Not a stock row:
 * a push locks those at its start now, cloud/push/stock-locks.ts.) Needs PostgreSQL
 * (DATABASE_URL): PGlite has one connection and cannot deadlock.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import {
  enrollDevice,
  env,
  lookup,
  rawPgClient,
  saleArgs,
  startCloud,
  type Cloud,
} from './harness';
import { lockNamedMembers } from '../push/member-locks';
import { allApplied, crossingRig, crossPushes, LINED_UP, type CrossingRig } from './lock-waits';

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
/** The SKU the sales sell. */
const SOLD_SKU = 'DRE001-WHT-XS';
/** A look another kiosk shared, whose row the third session holds. */
const HELD_LOOK = 'held-look-of-a-kiosk-3';

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
/** Shares the held look again (ignored: another device's token) once the row is let go. */
const heldLook: Step = () => ({
  name: 'shareLook',
  args: {
    token: HELD_LOOK,
    revision: 2,
    skus: ['KNI002-BEI-XL'],
    expiresAt: '2026-11-21T09:00:00Z',
  },
});
const sale =
  (memberId: string | null): Step =>
  (id, tickets) => ({
    name: 'recordSale',
    presence: memberId ? tickets.get(memberId) : undefined,
    args: saleArgs(id, { memberId, sku: SOLD_SKU }),
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
  /** Store S001's push: stops at the held look holding its first member. */
  a: Step[];
  /** Store S002's push: takes the members the other way round. */
  b: Step[];
}

const CROSSINGS: [string, Crossing][] = [
  [
    'try-on lock, then the sales fold at COMMIT',
    { a: [tryOn(M1), heldLook, sale(M3)], b: [tryOn(M3), look, sale(M1)] },
  ],
  ['member rows (points)', { a: [earn(M1), heldLook, earn(M3)], b: [earn(M3), earn(M1)] }],
  [
    'a try-on lock against a member row',
    { a: [tryOn(M1), heldLook, earn(M3)], b: [earn(M3), sale(M1)] },
  ],
  [
    'consent of four members, two home stores',
    {
      a: [noMarketing('M000010'), heldLook, noMarketing('M000007')],
      b: [noMarketing('M000012'), noMarketing('M000016')],
    },
  ],
  [
    'a sign-up at each store, consent of a member of the other',
    {
      a: [signUp, heldLook, noMarketing('M000008')],
      b: [signUp, noMarketing('M000015')],
    },
  ],
];

describe.skipIf(!URL)('two stores push crossing members at once (PostgreSQL)', () => {
  let rig: CrossingRig;
  beforeAll(async () => {
    rig = await crossingRig();
    const kiosk3 = await enrollDevice(rig.cloud, 'S003');
    await rig.cloud.db.query(
      `INSERT INTO looks (token, store_id, device_id, revision, skus, expires_at, shared_at)
       VALUES ($1, 'S003', $2, 1, '[]', '2026-11-21T09:00:00Z', now())`,
      [HELD_LOOK, kiosk3.deviceId],
    );
  }, 120_000);
  afterAll(() => rig?.close());

  const ticketsFor = async (dev: EnrollResponse) => {
    const tickets = new Map<string, string>();
    for (const [id, cardNo] of Object.entries({ ...CARDS, ...CARDS_BY_HOME })) {
      const res = await lookup(rig.cloud, dev.token, { cardNo });
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
      const [d1, d2] = [
        await enrollDevice(rig.cloud, 'S001'),
        await enrollDevice(rig.cloud, 'S002'),
      ];
      const pushA = envelopes(`${tag}-a`, a, await ticketsFor(d1));
      const pushB = envelopes(`${tag}-b`, b, await ticketsFor(d2));
      const { waited, answers } = await crossPushes(
        rig,
        { sql: 'SELECT 1 FROM looks WHERE token = $1 FOR UPDATE', params: [HELD_LOOK] },
        { device: d1, mutations: pushA },
        { device: d2, mutations: pushB },
      );
      // A stopped at the held row, and B waited on A: before the fix mid-push or at COMMIT, after
      // it on A's member locks up front
      expect(waited).toEqual(LINED_UP);
      expect(answers).toEqual([allApplied(pushA), allApplied(pushB)]);
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
