import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, type EnrollResponse } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, env, push, startCloud, type Cloud } from './harness';

const sale = (saleId: string, sku = 'DRE001-WHT-XS', qty = 1) => ({
  saleId,
  memberId: 'M000015',
  lines: [{ sku, qty, unitPriceCents: 78900, discountCents: 0 }],
  totalCents: 78900 * qty,
  payments: [{ method: 'wechat', amountCents: 78900 * qty }],
  soldAt: '2026-11-20T09:00:00Z',
});

describe.each(DB_KINDS)('push on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const balance = async (memberId: string) =>
    (
      await cloud.db.query<{ points: number }>('SELECT points FROM members WHERE member_id = $1', [
        memberId,
      ])
    ).rows[0]?.points;

  it('applies a batch in order and advances lastSeq', async () => {
    dev = await enrollDevice(cloud);
    const before = await balance('M000020');
    const res = await push(cloud, dev, 'e1', [
      env(1, 'recordSale', sale('S-1')),
      env(
        2,
        'earnPoints',
        { earnId: 'E-1', memberId: 'M000020', points: 100, saleId: 'S-1' },
        { key: 'earn:E-1' },
      ),
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lastSeq).toBe(2);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect(body.results[1].result).toEqual({ memberId: 'M000020', balance: (before ?? 0) + 100 });
    expect(await balance('M000020')).toBe((before ?? 0) + 100);
  });

  it('answers seq ≤ lastSeq as duplicate with the stored result, changing nothing', async () => {
    const before = await balance('M000020');
    const res = await push(cloud, dev, 'e1', [
      env(
        2,
        'earnPoints',
        { earnId: 'E-1', memberId: 'M000020', points: 100, saleId: 'S-1' },
        { key: 'earn:E-1' },
      ),
    ]);
    const r = res.json().results[0];
    expect(r.status).toBe('duplicate');
    expect(r.original.status).toBe('applied');
    expect(await balance('M000020')).toBe(before);
  });

  it('answers a repeated idempotency key under a new seq with the stored result and advances seq', async () => {
    const before = await balance('M000020');
    const first = env(
      3,
      'earnPoints',
      { earnId: 'E-2', memberId: 'M000020', points: 5, saleId: null },
      { key: 'earn:E-2' },
    );
    await push(cloud, dev, 'e1', [first]);
    const again = await push(cloud, dev, 'e1', [{ ...first, seq: 4 }]);
    const body = again.json();
    expect(body.lastSeq).toBe(4);
    expect(body.results[0]).toMatchObject({
      status: 'duplicate',
      original: { status: 'applied', result: { balance: (before ?? 0) + 5 } },
    });
    expect(await balance('M000020')).toBe((before ?? 0) + 5);
  });

  it('rejects a batch that leaves a gap, processing none of it', async () => {
    const before = await balance('M000020');
    const res = await push(cloud, dev, 'e1', [
      env(6, 'earnPoints', { earnId: 'E-3', memberId: 'M000020', points: 1, saleId: null }),
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'seq-gap',
      details: { lastSeq: 4, expectedSeq: 5, gotSeq: 6 },
    });
    const holes = await push(cloud, dev, 'e1', [
      env(5, 'earnPoints', { earnId: 'E-4', memberId: 'M000020', points: 1, saleId: null }),
      env(7, 'earnPoints', { earnId: 'E-5', memberId: 'M000020', points: 1, saleId: null }),
    ]);
    expect(holes.statusCode).toBe(409);
    expect(await balance('M000020')).toBe(before);
  });

  it(`refuses more than ${MAX_PUSH_BATCH} mutations and accepts exactly ${MAX_PUSH_BATCH}`, async () => {
    const d = await enrollDevice(cloud);
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        env(i + 1, 'logTryOn', {
          tryOnId: `T-${d.deviceId}-${i}`,
          sessionId: 'sess',
          sku: 'DRE001-WHT-XS',
          memberId: null,
          action: 'enter',
          at: '2026-11-20T09:00:00Z',
        }),
      );
    const tooMany = await push(cloud, d, 'e1', make(MAX_PUSH_BATCH + 1));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('batch-too-large');
    const t0 = performance.now();
    const full = await push(cloud, d, 'e1', make(MAX_PUSH_BATCH));
    const ms = performance.now() - t0;
    expect(full.statusCode).toBe(200);
    expect(full.json().lastSeq).toBe(MAX_PUSH_BATCH);
    process.stderr.write(
      `[measure] ${kind}: push of ${MAX_PUSH_BATCH} try-ons took ${ms.toFixed(0)} ms\n`,
    );
  });

  it('acknowledges a points overdraft as rejected: seq advances, staff task, balance compensation', async () => {
    const d = await enrollDevice(cloud);
    const bal = (await balance('M000015')) ?? 0;
    const res = await push(cloud, d, 'e1', [
      env(1, 'redeemPoints', {
        redemptionId: 'R-1',
        memberId: 'M000015',
        points: bal + 1,
        saleId: 'S-9',
      }),
      env(2, 'redeemPoints', {
        redemptionId: 'R-2',
        memberId: 'M000015',
        points: 10,
        saleId: null,
      }),
    ]);
    const body = res.json();
    expect(body.lastSeq).toBe(2);
    expect(body.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'points-overdrawn' },
      compensation: { kind: 'points-balance', memberId: 'M000015', balance: bal },
      staffTask: { kind: 'points-overdrawn' },
    });
    expect(body.results[1]).toMatchObject({ status: 'applied', result: { balance: bal - 10 } });
    expect(await balance('M000015')).toBe(bal - 10);
    const tasks = await cloud.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM staff_tasks WHERE kind = 'points-overdrawn' AND device_id = $1",
      [d.deviceId],
    );
    expect(tasks.rows[0]?.n).toBe(1);
    const again = await push(cloud, d, 'e1', [{ ...env(1, 'x', {}), key: body.results[0].key }]);
    expect(again.json().results[0]).toMatchObject({
      status: 'duplicate',
      original: { status: 'rejected', error: { code: 'points-overdrawn' } },
    });
  });

  it('parks an unknown mutation or bad args as rejected without blocking the queue', async () => {
    const d = await enrollDevice(cloud);
    const res = await push(cloud, d, 'e1', [
      env(1, 'teleport', {}),
      env(2, 'earnPoints', { earnId: 'x' }),
      env(3, 'recordNps', { npsId: 'N-1', score: 9, comment: null, memberId: null }),
    ]);
    expect(
      res
        .json()
        .results.map(
          (r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status,
        ),
    ).toEqual(['unknown-mutation', 'invalid-args', 'applied']);
  });

  it('starts a new epoch at seq 1 and refuses the retired epoch', async () => {
    const d = await enrollDevice(cloud);
    await push(cloud, d, 'old', [
      env(1, 'recordNps', { npsId: 'N-2', score: 5, comment: null, memberId: null }),
    ]);
    const fresh = await push(cloud, d, 'new', [
      env(1, 'recordNps', { npsId: 'N-3', score: 6, comment: null, memberId: null }),
    ]);
    expect(fresh.json()).toMatchObject({ epoch: 'new', lastSeq: 1 });
    const stale = await push(cloud, d, 'old', [
      env(2, 'recordNps', { npsId: 'N-4', score: 7, comment: null, memberId: null }),
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('epoch-retired');
  });

  it('refuses a push naming another device', async () => {
    const a = await enrollDevice(cloud);
    const b = await enrollDevice(cloud);
    const res = await push(cloud, { ...a, deviceId: b.deviceId }, 'e1', [
      env(1, 'recordNps', { npsId: 'N-5', score: 1, comment: null, memberId: null }),
    ]);
    expect(res.statusCode).toBe(403);
  });

  it('registers an offline member, returns the permanent id, and resolves the provisional id later', async () => {
    const d = await enrollDevice(cloud);
    const res = await push(cloud, d, 'e1', [
      env(1, 'registerMember', {
        provisionalId: 'P-1',
        name: '王小明',
        phone: '13800138000',
        gender: 'M',
        birthday: null,
        consentProfile: true,
        consentMarketing: false,
      }),
      env(2, 'earnPoints', { earnId: 'E-P1', memberId: 'P-1', points: 30, saleId: null }),
    ]);
    const [reg, earn] = res.json().results;
    expect(reg.result).toMatchObject({ provisionalId: 'P-1', merged: false });
    expect(reg.result.memberId).toMatch(/^M\d+$/);
    expect(earn.result).toEqual({ memberId: reg.result.memberId, balance: 30 });
    const same = await push(cloud, d, 'e1', [
      env(3, 'registerMember', {
        provisionalId: 'P-2',
        name: '王',
        phone: '+86 138 0013 8000'.replace(/ /g, ''),
        gender: null,
        birthday: null,
        consentProfile: true,
        consentMarketing: false,
      }),
    ]);
    expect(same.json().results[0].result).toEqual({
      provisionalId: 'P-2',
      memberId: reg.result.memberId,
      merged: true,
    });
  });
});
