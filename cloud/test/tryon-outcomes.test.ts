/**
 * logTryOn v2 (outcome + reason) next to v1 (action only): both are accepted, the outcome and the
 * reason are stored in their own columns, and the `tryon_reasons` view counts why tried garments
 * were not bought.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, env, push, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('try-on outcomes on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  let seq = 0;
  const send = async (version: number, args: unknown) => {
    const res = await push(cloud, dev, 'e1', [env(++seq, 'logTryOn', args, { version })]);
    expect(res.statusCode).toBe(200);
    return res.json().results[0];
  };
  const v2 = (tryOnId: string, outcome: string, reason: string | null, sku = 'DRE001-WHT-XS') => ({
    tryOnId,
    sessionId: 'sess-1',
    sku,
    memberId: null,
    outcome,
    reason,
    at: '2026-11-20T09:00:00Z',
  });
  beforeAll(async () => {
    cloud = await startCloud(kind);
    dev = await enrollDevice(cloud, 'S001');
  });
  afterAll(async () => cloud.close());

  it('stores the outcome and reason of v2, deduplicated by tryOnId', async () => {
    expect(await send(2, v2('T2-1', 'rejected', 'too-small'))).toMatchObject({
      status: 'applied',
      result: { tryOnId: 'T2-1', recorded: true },
    });
    expect((await send(2, v2('T2-1', 'rejected', 'too-small'))).result.recorded).toBe(false);
    const { rows } = await cloud.db.query<{ outcome: string; reason: string | null }>(
      'SELECT outcome, reason FROM tryons WHERE tryon_id = $1',
      ['T2-1'],
    );
    expect(rows).toEqual([{ outcome: 'rejected', reason: 'too-small' }]);
  });

  it('keeps accepting v1: its action becomes the nearest outcome, with no reason', async () => {
    const v1 = {
      tryOnId: 'T1-1',
      sessionId: 'sess-1',
      sku: 'DRE001-WHT-XS',
      memberId: null,
      action: 'unlike',
      at: '2026-11-20T09:00:00Z',
    };
    expect((await send(1, v1)).status).toBe('applied');
    expect((await send(1, { ...v1, tryOnId: 'T1-2', action: 'enter' })).status).toBe('applied');
    const { rows } = await cloud.db.query<{ id: string; outcome: string | null; reason: null }>(
      "SELECT tryon_id AS id, outcome, reason FROM tryons WHERE tryon_id IN ('T1-1', 'T1-2') ORDER BY 1",
    );
    expect(rows).toEqual([
      { id: 'T1-1', outcome: 'rejected', reason: null },
      { id: 'T1-2', outcome: null, reason: null },
    ]);
  });

  it('parks v2 args with an unknown outcome or reason (invalid-args), never stores them', async () => {
    const badReason = await send(2, v2('T2-bad', 'rejected', 'ugly'));
    expect(badReason).toMatchObject({ status: 'rejected', error: { code: 'invalid-args' } });
    const badOutcome = await send(2, v2('T2-bad2', 'maybe', null));
    expect(badOutcome).toMatchObject({ status: 'rejected', error: { code: 'invalid-args' } });
    const { rows } = await cloud.db.query(
      "SELECT 1 FROM tryons WHERE tryon_id IN ('T2-bad', 'T2-bad2')",
    );
    expect(rows).toEqual([]);
  });

  it('counts why garments were not bought in the tryon_reasons view', async () => {
    await send(2, v2('R-1', 'rejected', 'too-small', 'KNI002-BEI-M'));
    await send(2, v2('R-2', 'rejected', 'too-small', 'KNI002-BEI-M'));
    await send(2, v2('R-3', 'rejected', 'colour', 'KNI002-BEI-M'));
    await send(2, v2('R-4', 'rejected', null, 'KNI002-BEI-M'));
    await send(2, v2('R-5', 'liked', null, 'KNI002-BEI-M'));
    const { rows } = await cloud.db.query<{ outcome: string; reason: string; tryons: number }>(
      `SELECT outcome, reason, tryons FROM tryon_reasons
       WHERE store_id = 'S001' AND sku = 'KNI002-BEI-M' ORDER BY outcome, reason`,
    );
    expect(rows).toEqual([
      { outcome: 'liked', reason: 'none', tryons: 1 },
      { outcome: 'rejected', reason: 'colour', tryons: 1 },
      { outcome: 'rejected', reason: 'none', tryons: 1 },
      { outcome: 'rejected', reason: 'too-small', tryons: 2 },
    ]);
  });
});
