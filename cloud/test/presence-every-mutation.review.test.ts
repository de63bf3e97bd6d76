/**
 * Review of issue 11 item 4, beyond presence.test.ts: EVERY mutation that names a member (not only
 * points, consent and erasure) is refused for a member of another store without a valid presence
 * ticket — a coupon, an order, a photo, a preference, a sale, a try-on, an NPS answer — for members
 * of S002 and S003, by the member's permanent id and by a provisional id another store's kiosk
 * registered, in long pushes (members looked up ahead) and one at a time. A ticket from a look-up at
 * this device lets each through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, env, lookup, startCloud, type Cloud } from './harness';

const S002 = { id: 'M000002', card: '6280000000000024' };
const S003 = { id: 'M000003', card: '6280000000000032' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

/** Args of every member-naming mutation, for member `m`; `n` keeps business ids unique. */
function everyMutation(m: string, n: string): Array<[string, unknown, number?]> {
  const at = '2026-11-20T10:00:00.000Z';
  return [
    ['earnPoints', { earnId: `E${n}`, memberId: m, points: 10, saleId: null }],
    ['redeemPoints', { redemptionId: `RP${n}`, memberId: m, points: 1, saleId: null }],
    [
      'redeemCoupon',
      {
        redemptionId: `RC${n}`,
        couponCode: 'SPRING20',
        memberId: m,
        saleId: null,
        discountCents: 100,
      },
    ],
    ['recordConsent', { consentId: `C${n}`, memberId: m, kind: 'photo', granted: true }],
    ['setPreference', { memberId: m, key: 'fit', value: 'slim' }],
    [
      'placeOrder',
      {
        orderId: `O${n}`,
        kind: 'ship-from-online',
        fromLocation: 'ONLINE',
        lines: [{ sku: 'DRE001-WHT-XS', qty: 1 }],
        memberId: m,
        contact: null,
      },
    ],
    ['attachPhoto', { photoId: `P${n}`, memberId: m, jpeg: JPEG.toString('base64'), takenAt: at }],
    [
      'recordSale',
      {
        saleId: `S${n}`,
        memberId: m,
        lines: [{ sku: 'DRE001-WHT-XS', qty: 1, unitPriceCents: 78900, discountCents: 0 }],
        totalCents: 78900,
        payments: [{ method: 'cash', amountCents: 78900 }],
        soldAt: at,
      },
    ],
    [
      'logTryOn',
      {
        tryOnId: `T${n}`,
        sessionId: 'V1',
        sku: 'DRE001-WHT-XS',
        memberId: m,
        outcome: 'liked',
        reason: null,
        at,
      },
      2,
    ],
    ['recordNps', { npsId: `N${n}`, score: 9, comment: null, memberId: m }],
    ['requestErasure', { requestId: `ER${n}`, memberId: m }],
  ];
}

describe.each(DB_KINDS)('every member-naming mutation needs presence on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  let seq = 0;
  beforeAll(async () => {
    cloud = await startCloud(kind);
    dev = await enrollDevice(cloud, 'S001');
  });
  afterAll(async () => cloud.close());

  const snapshot = async (memberId: string) => {
    const q = async (sql: string) =>
      (await cloud.db.query<{ v: unknown }>(sql, [memberId])).rows.map((r) => r.v);
    return {
      member: await q(
        `SELECT row_to_json(m)::text AS v FROM (SELECT points, erased, consent_photo, consent_marketing FROM members WHERE member_id = $1) m`,
      ),
      settings: await q('SELECT count(*)::int AS v FROM member_settings WHERE member_id = $1'),
    };
  };

  const pushAll = async (muts: Omit<MutationEnvelope, 'seq'>[]) => {
    const mutations = muts.map((m) => ({ ...m, seq: ++seq }));
    const res = await cloud.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${dev.token}` },
      payload: { deviceId: dev.deviceId, epoch: 'e1', mutations },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ results: Array<{ status: string; error?: { code: string } }> }>().results;
  };

  const envs = (memberId: string, tag: string, presence?: string) =>
    everyMutation(memberId, tag).map(([name, args, version]) =>
      env(0, name, args, { version, presence, hlcMs: cloud.clock.ms }),
    );

  it.each([
    ['S002', S002],
    ['S003', S003],
  ])(
    'refuses each one for a member of %s without a ticket, in one push and one by one',
    async (store, member) => {
      const before = await snapshot(member.id);
      const batch = await pushAll(envs(member.id, `${store}-batch`));
      const single = [];
      for (const e of envs(member.id, `${store}-one`)) single.push(...(await pushAll([e])));
      for (const results of [batch, single])
        expect(
          results.map((r, i) => `${everyMutation('', '')[i]?.[0]} ${r.status} ${r.error?.code}`),
        ).toEqual(everyMutation('', '').map(([name]) => `${name} rejected member-not-present`));
      expect(await snapshot(member.id)).toEqual(before);
    },
  );

  it('refuses each one by a provisional id that a kiosk of S002 registered', async () => {
    const s002 = await enrollDevice(cloud, 'S002');
    const reg = await cloud.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${s002.token}` },
      payload: {
        deviceId: s002.deviceId,
        epoch: 'e1',
        mutations: [
          {
            ...env(0, 'registerMember', {
              provisionalId: 'PROV-S002-1',
              name: 'Visitor',
              phone: '13912345678',
              gender: null,
              birthday: null,
              consentProfile: true,
              consentMarketing: true,
            }),
            seq: 1,
          },
        ],
      },
    });
    expect(reg.json().results[0]).toMatchObject({ status: 'applied' });
    const results = await pushAll(envs('PROV-S002-1', 'prov'));
    expect(results.map((r) => r.error?.code)).toEqual(
      everyMutation('', '').map(() => 'member-not-present'),
    );
  });

  it('applies them with a ticket from a look-up at this device (control)', async () => {
    const res = await lookup(cloud, dev.token, { cardNo: S002.card });
    const ticket = res.json<{ presence: { ticket: string } }>().presence.ticket;
    const results = await pushAll(envs(S002.id, 'ticket', ticket));
    expect(results.map((r) => r.error?.code ?? r.status)).not.toContain('member-not-present');
    expect(results.at(-1)).toMatchObject({ status: 'applied' });
  });
});
