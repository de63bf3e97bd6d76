/**
 * Issue 11 item 4: a store S001 kiosk writes for a member of another store only with a presence
 * ticket — issued with a look-up, bound to that device and member, valid 12 hours at the
 * mutation's time — else the mutation is rejected `member-not-present`: acknowledged (seq
 * advances), with a compensation and a staff task, and no effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import {
  DB_KINDS,
  enrollDevice,
  env,
  lookup,
  push,
  secondInstance,
  startCloud,
  type Cloud,
} from './harness';

const VISITOR = { id: 'M000002', card: '6280000000000024' }; // home store S002
const OTHER_VISITOR = { id: 'M000004', card: '6280000000000040' }; // home store S002
const HOME = 'M000013'; // home store S001
const HOUR = 3_600_000;

describe.each(DB_KINDS)('presence tickets on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  let seq = 0;
  const t0 = Date.parse('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    cloud = await startCloud(kind);
    dev = await enrollDevice(cloud, 'S001');
  });
  afterAll(async () => cloud.close());

  const ticketFor = async (d: EnrollResponse, card: string) => {
    const res = await lookup(cloud, d.token, { cardNo: card });
    expect(res.statusCode).toBe(200);
    return res.json<{ presence: { ticket: string; expiresAt: string } }>().presence;
  };
  const points = async (memberId: string) =>
    (
      await cloud.db.query<{ points: number }>('SELECT points FROM members WHERE member_id = $1', [
        memberId,
      ])
    ).rows[0]?.points;
  const send = async (m: Omit<MutationEnvelope, 'seq'>, app = cloud.app) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${dev.token}` },
      payload: { deviceId: dev.deviceId, epoch: 'e1', mutations: [{ ...m, seq: ++seq }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lastSeq).toBe(seq);
    return res.json().results[0];
  };
  const earn = (memberId: string, o: { presence?: string; hlcMs?: number } = {}) =>
    env(0, 'earnPoints', { earnId: `E-${seq + 1}`, memberId, points: 100, saleId: null }, o);

  it('rejects points, consent and erasure for a member of another store without a ticket', async () => {
    const before = await points(VISITOR.id);
    const earned = await send(earn(VISITOR.id));
    expect(earned).toMatchObject({
      status: 'rejected',
      error: { code: 'member-not-present' },
      compensation: { kind: 'points-balance', memberId: VISITOR.id, balance: before },
      staffTask: { kind: 'member-not-present' },
    });
    const redeem = { redemptionId: 'R-x', memberId: VISITOR.id, points: 10, saleId: null };
    expect(await send(env(0, 'redeemPoints', redeem))).toMatchObject({
      error: { code: 'member-not-present' },
    });
    const consent = { consentId: 'C-x', memberId: VISITOR.id, kind: 'marketing', granted: false };
    expect(await send(env(0, 'recordConsent', consent))).toMatchObject({
      error: { code: 'member-not-present' },
    });
    expect(
      await send(env(0, 'requestErasure', { requestId: 'ER-x', memberId: VISITOR.id })),
    ).toMatchObject({ error: { code: 'member-not-present' } });
    const { rows } = await cloud.db.query<{ erased: boolean; consent: boolean }>(
      'SELECT erased, consent_marketing AS consent FROM members WHERE member_id = $1',
      [VISITOR.id],
    );
    expect(rows[0]).toEqual({ erased: false, consent: true });
    expect(await points(VISITOR.id)).toBe(before);
    const tasks = await cloud.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM staff_tasks WHERE kind = 'member-not-present' AND store_id = 'S001'",
    );
    expect(tasks.rows[0]?.n).toBe(4);
    // a member of the kiosk's own store needs no ticket
    expect(await send(earn(HOME))).toMatchObject({ status: 'applied' });
  });

  it('applies with the ticket of a look-up at this device, valid at the mutation time (later delivery too)', async () => {
    const presence = await ticketFor(dev, VISITOR.card);
    expect(Date.parse(presence.expiresAt) - cloud.clock.ms).toBe(12 * HOUR);
    const before = (await points(VISITOR.id)) ?? 0;
    expect(await send(earn(VISITOR.id, { presence: presence.ticket, hlcMs: t0 }))).toMatchObject({
      status: 'applied',
      result: { balance: before + 100 },
    });
    // an offline sale 11 hours later, delivered three days after: still valid at its time
    cloud.clock.ms += 3 * 24 * HOUR;
    expect(
      await send(earn(VISITOR.id, { presence: presence.ticket, hlcMs: t0 + 11 * HOUR })),
    ).toMatchObject({ status: 'applied' });
    // written 13 hours after the look-up: the ticket had expired
    expect(
      await send(earn(VISITOR.id, { presence: presence.ticket, hlcMs: t0 + 13 * HOUR })),
    ).toMatchObject({ status: 'rejected', error: { code: 'member-not-present' } });
  });

  it('refuses a ticket of another device, of another member, forged, or delivered weeks late', async () => {
    cloud.clock.ms = t0 + 30 * 24 * HOUR;
    const now = cloud.clock.ms;
    const mine = await ticketFor(dev, VISITOR.card);
    const theirs = await ticketFor(await enrollDevice(cloud, 'S001'), VISITOR.card);
    const otherMember = await ticketFor(dev, OTHER_VISITOR.card);
    const [head, payload, mac] = mine.ticket.split('.');
    const forged = `${head}.${payload}.${mac?.startsWith('A') ? 'B' : 'A'}${mac?.slice(1)}`;
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    const extended = Buffer.from(JSON.stringify({ ...claims, exp: now + 1000 * HOUR })).toString(
      'base64url',
    );
    for (const ticket of [theirs.ticket, otherMember.ticket, forged, `${head}.${extended}.${mac}`])
      expect(await send(earn(VISITOR.id, { presence: ticket, hlcMs: now }))).toMatchObject({
        error: { code: 'member-not-present' },
      });
    expect(await send(earn(VISITOR.id, { presence: mine.ticket, hlcMs: now }))).toMatchObject({
      status: 'applied',
    });
    // written while valid, but only delivered 8 days after it expired: beyond the window
    cloud.clock.ms = now + 12 * HOUR + 8 * 24 * HOUR;
    expect(await send(earn(VISITOR.id, { presence: mine.ticket, hlcMs: now }))).toMatchObject({
      error: { code: 'member-not-present' },
    });
  });

  it('is verified by any instance: the secret is shared through the database', async () => {
    const presence = await ticketFor(dev, VISITOR.card);
    const instance = await secondInstance(cloud);
    try {
      expect(
        await send(
          earn(VISITOR.id, { presence: presence.ticket, hlcMs: cloud.clock.ms }),
          instance.app,
        ),
      ).toMatchObject({ status: 'applied' });
    } finally {
      await instance.close();
    }
  });
});

describe('presence tickets with an operator-given secret', () => {
  it('refuses a ticket signed with another secret', async () => {
    const cloud = await startCloud('pglite', { app: { presenceSecret: 'operator-secret-1' } });
    try {
      const dev = await enrollDevice(cloud, 'S001');
      const ticket = (await lookup(cloud, dev.token, { cardNo: VISITOR.card })).json<{
        presence: { ticket: string };
      }>().presence.ticket;
      const other = await secondInstance(cloud, { presenceSecret: 'operator-secret-2' });
      const args = { earnId: 'E-op', memberId: VISITOR.id, points: 1, saleId: null };
      const res = await other.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: { authorization: `Bearer ${dev.token}` },
        payload: {
          deviceId: dev.deviceId,
          epoch: 'e1',
          mutations: [env(1, 'earnPoints', args, { presence: ticket })],
        },
      });
      await other.close();
      expect(res.json().results[0]).toMatchObject({ error: { code: 'member-not-present' } });
      expect(
        (
          await push(cloud, dev, 'e1', [
            env(2, 'earnPoints', { ...args, earnId: 'E-op2' }, { presence: ticket }),
          ])
        ).json().results[0],
      ).toMatchObject({ status: 'applied' });
    } finally {
      await cloud.close();
    }
  });
});
