import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { savePresence } from '../core/members/presence';
import { enqueue } from '../core/outbox/outbox';
import type { WritableDB } from '../core/store/db';
import { pushOnce, PLACEHOLDER_NAME, MAX_SOLO_REFUSALS } from './push';
import { queue, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
const now = () => new Date('2026-11-24T09:00:00Z');
const states = (db: WritableDB) =>
  db.prepare('SELECT seq, state, last_error FROM outbox ORDER BY seq').all() as {
    seq: number;
    state: string;
    last_error: string | null;
  }[];

beforeEach(() => {
  k = testKiosk();
});
afterEach(() => k.remove());

describe('pushOnce', () => {
  it('sends up to 500 rows in seq order with wire HLC stamps and acknowledges them', async () => {
    queue(k.db, 520);
    const cloud = scriptedCloud();
    const deps = { db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now };
    expect(await pushOnce(deps)).toMatchObject({ kind: 'sent', count: 500 });
    expect(await pushOnce(deps)).toMatchObject({ kind: 'sent', count: 20 });
    expect(await pushOnce(deps)).toEqual({ kind: 'idle' });
    const seqs = cloud.pushes.flatMap((p) => p.mutations.map((m) => m.seq));
    expect(seqs).toEqual(Array.from({ length: 520 }, (_, i) => i + 1));
    expect(cloud.pushes[0]?.mutations[0]?.hlc).toMatch(/^\d{15}-\d{5}$/);
    expect(cloud.pushes[0]).toMatchObject({ deviceId: 'dev_1', epoch: '1' });
    expect(states(k.db).every((r) => r.state === 'acked')).toBe(true);
  });

  it('a business rejection is acknowledged, compensated in the member cache, and raises a staff task', async () => {
    k.db.exec(`INSERT INTO tiers VALUES ('regular', 'r', 'r', 0, 1, 0);
      INSERT INTO members (member_id, tier, points) VALUES ('M1', 'regular', 500)`);
    queue(k.db, 2, 'redeemPoints');
    const cloud = scriptedCloud({
      push: (req) => ({
        ok: true,
        value: {
          epoch: req.epoch,
          lastSeq: 2,
          results: [
            { seq: 1, key: req.mutations[0]?.key ?? '', status: 'applied', result: null },
            {
              seq: 2,
              key: req.mutations[1]?.key ?? '',
              status: 'rejected',
              error: { code: 'points-overdrawn', message: 'balance 5' },
              compensation: { kind: 'points-balance', memberId: 'M1', balance: 5 },
              staffTask: { id: 'task-9', kind: 'points-overdrawn', message: 'tell the member' },
            },
          ],
        },
      }),
    });
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now });
    expect(states(k.db).map((r) => r.state)).toEqual(['acked', 'acked']);
    expect(states(k.db)[1]?.last_error).toMatch(/points-overdrawn/);
    expect(k.db.prepare("SELECT points FROM members WHERE member_id = 'M1'").get()).toEqual({
      points: 5,
    });
    expect(k.db.prepare('SELECT task_id, error_code FROM sync_staff_tasks').all()).toEqual([
      { task_id: 'task-9', error_code: 'points-overdrawn' },
    ]);
  });

  it('on a transport error leaves the batch pending with the error noted', async () => {
    queue(k.db, 3);
    const cloud = scriptedCloud({
      push: () => ({ ok: false, error: { kind: 'http-5xx', status: 503, message: 'down' } }),
    });
    expect(
      await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'd', now }),
    ).toMatchObject({ kind: 'failed', count: 3 });
    expect(
      states(k.db).every((r) => r.state === 'pending' && r.last_error?.includes('http-5xx')),
    ).toBe(true);
  });

  it('a seq-gap rewinds to the server lastSeq: rows it already has are acknowledged', async () => {
    queue(k.db, 4);
    let calls = 0;
    const cloud = scriptedCloud({
      push: (req) => {
        calls++;
        if (calls === 1)
          return {
            ok: false,
            error: {
              kind: 'http-4xx',
              status: 409,
              code: 'seq-gap',
              message: 'gap',
              details: { lastSeq: 2, expectedSeq: 3, gotSeq: 1 },
            },
          };
        return {
          ok: true,
          value: {
            epoch: req.epoch,
            lastSeq: 4,
            results: req.mutations.map((m) => ({
              seq: m.seq,
              key: m.key,
              status: 'applied' as const,
              result: null,
            })),
          },
        };
      },
    });
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'd', now });
    expect(states(k.db).map((r) => r.state)).toEqual(['acked', 'acked', 'pending', 'pending']);
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'd', now });
    expect(cloud.pushes[1]?.mutations.map((m) => m.seq)).toEqual([3, 4]);
  });

  it('a row the server refuses alone is replaced by a placeholder after repeated refusals', async () => {
    queue(k.db, 1);
    const cloud = scriptedCloud({
      push: (req) =>
        req.mutations[0]?.name === PLACEHOLDER_NAME
          ? {
              ok: true,
              value: {
                epoch: req.epoch,
                lastSeq: 1,
                results: [
                  {
                    seq: 1,
                    key: req.mutations[0].key,
                    status: 'rejected',
                    error: { code: 'unknown-mutation', message: 'no' },
                    compensation: { kind: 'none' },
                    staffTask: null,
                  },
                ],
              },
            }
          : {
              ok: false,
              error: { kind: 'http-4xx', status: 400, code: 'bad-request', message: 'schema' },
            },
    });
    for (let i = 0; i < MAX_SOLO_REFUSALS; i++)
      await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'd', now });
    expect(states(k.db)[0]?.state).toBe('pending');
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'd', now });
    expect(states(k.db)[0]?.state).toBe('parked');
    expect(cloud.pushes.at(-1)?.mutations[0]?.name).toBe(PLACEHOLDER_NAME);
  });
});

describe('presence tickets', () => {
  const TICKET = `pt1.${'A'.repeat(24)}.${'B'.repeat(43)}`;
  const earn = (memberId: string, at: string) =>
    k.db.transaction(() =>
      enqueue(
        k.db,
        {
          name: 'earnPoints',
          version: 1,
          idempotencyKey: `earnPoints:${memberId}:${at}`,
          args: { earnId: at, memberId, points: 10, saleId: null },
          hlc: '000001764000000000-0001-kiosk',
        },
        new Date(at),
      ),
    );

  it('a row carries the ticket valid when it was written, sent later too; never one that has expired', async () => {
    k.db.exec(`INSERT INTO tiers VALUES ('regular', 'r', 'r', 0, 1, 0);
      INSERT INTO members (member_id, tier, points) VALUES ('M1', 'regular', 0), ('M2', 'regular', 0)`);
    savePresence(k.db, k.key, 'M1', {
      ticket: TICKET,
      expiresAt: new Date('2026-11-24T20:00:00Z'),
    });
    earn('M1', '2026-11-24T10:00:00Z'); // offline sale that day: valid
    earn('M1', '2026-11-24T21:00:00Z'); // written after it expired
    earn('M2', '2026-11-24T10:00:00Z'); // a member without a ticket
    earn('M1', '2026-11-24T11:00:00Z'); // valid, but its sealed copy is damaged on disk
    k.db.exec('UPDATE outbox SET presence_enc = zeroblob(40) WHERE seq = 4');
    const sealed = k.db.prepare('SELECT presence_enc AS p FROM outbox ORDER BY seq').all();
    expect(sealed.map((r) => (r as { p: Buffer | null }).p !== null)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    const cloud = scriptedCloud();
    const nextDay = () => new Date('2026-11-25T09:00:00Z');
    await pushOnce({
      db: k.db,
      client: cloud,
      token: 't',
      deviceId: 'd',
      now: nextDay,
      key: k.key,
    });
    expect(cloud.pushes[0]?.mutations.map((m) => m.presence)).toEqual([
      TICKET,
      undefined,
      undefined,
      undefined,
    ]);
    expect(states(k.db).map((r) => r.state)).toEqual(['acked', 'acked', 'acked', 'acked']);
  });
});
