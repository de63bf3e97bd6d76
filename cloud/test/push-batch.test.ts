/**
 * A push runs in one transaction per batch with a savepoint per mutation (cloud/push/push-batch.ts):
 * a business rejection rolls back only its own writes, outcome rows commit with their effects, an
 * unexpected error keeps what ran before it, a deadlock answers the part that committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, env, push, startCloud, type Cloud, tryOnArgs } from './harness';

const tryOns = (from: number, ids: string[]) =>
  ids.map((id, i) => env(from + i, 'logTryOn', tryOnArgs(id), { key: `tryon:${id}` }));

// Faults on demand: a plain error for T-boom*, a deadlock for T-deadlock* (real PostgreSQL codes).
const FAULTS = `
CREATE FUNCTION test_push_fault() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tryon_id LIKE 'T-boom%' THEN RAISE EXCEPTION 'boom'; END IF;
  IF NEW.tryon_id LIKE 'T-deadlock%' THEN
    RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER test_push_fault BEFORE INSERT ON tryons FOR EACH ROW EXECUTE FUNCTION test_push_fault();
CREATE TABLE test_tryon_statements (n int NOT NULL);
CREATE FUNCTION test_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO test_tryon_statements VALUES (1); RETURN NULL; END $$;
CREATE TRIGGER test_count_statement AFTER INSERT ON tryons FOR EACH STATEMENT
  EXECUTE FUNCTION test_count_statement();`;

describe.each(DB_KINDS)('push batches on %s', (kind) => {
  let cloud: Cloud;
  let split: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind, { app: { pushTransactionMs: 60_000 } });
    split = await startCloud(kind, { app: { pushTransactionMs: 0 } });
    await cloud.db.exec(FAULTS);
  }, 60_000);
  afterAll(async () => {
    await cloud.close();
    await split.close();
  });

  const one = async <T extends object>(c: Cloud, sql: string, params: string[] = []) =>
    (await c.db.query<T>(sql, params)).rows[0];
  const tryOnCount = async (ids: string[]) =>
    (
      await one<{ n: number }>(
        cloud,
        'SELECT count(*)::int AS n FROM tryons WHERE tryon_id IN (SELECT jsonb_array_elements_text($1::jsonb))',
        [JSON.stringify(ids)],
      )
    )?.n;
  const transactionsOf = async (c: Cloud, dev: EnrollResponse) =>
    (
      await one<{ n: number }>(
        c,
        'SELECT count(DISTINCT xmin::text)::int AS n FROM mutations WHERE device_id = $1',
        [dev.deviceId],
      )
    )?.n;

  it('a rejected order undoes its own first line only; everything commits in one transaction', async () => {
    const dev = await enrollDevice(cloud);
    const stockOf = async (sku: string) =>
      (
        await one<{ n: number }>(
          cloud,
          "SELECT on_hand AS n FROM stock WHERE sku = $1 AND location_id = 'S001'",
          [sku],
        )
      )?.n;
    const before = await stockOf('DRE001-WHT-XS');
    const batch: MutationEnvelope[] = [
      ...tryOns(1, ['T-a1', 'T-a2']),
      env(3, 'placeOrder', {
        orderId: 'O-batch-1',
        kind: 'reserve-in-store',
        fromLocation: 'S001',
        lines: [
          { sku: 'DRE001-WHT-XS', qty: 1 },
          { sku: 'DRE001-WHT-XS', qty: 9_999 },
        ],
        memberId: null,
        contact: null,
      }),
      ...tryOns(4, ['T-a3']),
    ];
    const res = await push(cloud, dev, 'e1', batch);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.lastSeq).toBe(4);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'rejected',
      'applied',
    ]);
    expect(await stockOf('DRE001-WHT-XS')).toBe(before);
    expect(await tryOnCount(['T-a1', 'T-a2', 'T-a3'])).toBe(3);
    expect(await transactionsOf(cloud, dev)).toBe(1);
  });

  it('with no time budget each mutation gets its own transaction, with the same answers', async () => {
    const dev = await enrollDevice(split);
    const res = await push(split, dev, 'e1', tryOns(1, ['T-s1', 'T-s2', 'T-s3']));
    expect(res.json()).toMatchObject({ lastSeq: 3 });
    expect(await transactionsOf(split, dev)).toBe(3);
  });

  it('an unexpected error keeps the mutations before it; the resend applies the rest once', async () => {
    const dev = await enrollDevice(cloud);
    const batch = tryOns(1, ['T-b1', 'T-b2', 'T-boom-1', 'T-b4']);
    const res = await push(cloud, dev, 'e1', batch);
    expect(res.statusCode).toBe(500);
    expect(await tryOnCount(['T-b1', 'T-b2'])).toBe(2);
    expect(await tryOnCount(['T-boom-1', 'T-b4'])).toBe(0);
    const outcomes = await one<{ n: number; seq: number }>(
      cloud,
      'SELECT count(*)::int AS n, max(seq)::int AS seq FROM mutations WHERE device_id = $1',
      [dev.deviceId],
    );
    expect(outcomes).toEqual({ n: 2, seq: 2 });
    // fixed on the server: the same batch again
    const fixed = batch.map((m) =>
      m.key === 'tryon:T-boom-1' ? { ...m, args: tryOnArgs('T-b3'), key: 'tryon:T-b3' } : m,
    );
    const again = await push(cloud, dev, 'e1', fixed);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'applied',
      'applied',
    ]);
    expect(await tryOnCount(['T-b1', 'T-b2', 'T-b3', 'T-b4'])).toBe(4);
  });

  it('a deadlock answers the part that committed; the kiosk sends the rest again', async () => {
    const dev = await enrollDevice(cloud);
    const res = await push(cloud, dev, 'e1', tryOns(1, ['T-c1', 'T-deadlock-1', 'T-c3']));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lastSeq: 1, results: [{ seq: 1, status: 'applied' }] });
    expect(res.json().results).toHaveLength(1);
    expect(await tryOnCount(['T-c1', 'T-deadlock-1', 'T-c3'])).toBe(1);
    // a deadlock on the first mutation: nothing done, so a 5xx and the kiosk backs off
    const first = await push(cloud, dev, 'e1', tryOns(2, ['T-deadlock-2']));
    expect(first.statusCode).toBe(500);
    const rest = await push(cloud, dev, 'e1', tryOns(2, ['T-c2', 'T-c3']));
    expect(rest.json()).toMatchObject({ lastSeq: 3 });
    expect(await tryOnCount(['T-c1', 'T-c2', 'T-c3'])).toBe(3);
  });

  it('two copies of a push at once (a duplicating proxy): both answered, every mutation once', async () => {
    const dev = await enrollDevice(split);
    const ids = Array.from({ length: 60 }, (_, i) => `T-dup-${i}`);
    const batch = tryOns(1, ids);
    const [a, b] = await Promise.all([
      push(split, dev, 'e1', batch),
      push(split, dev, 'e1', batch),
    ]);
    for (const res of [a, b]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().lastSeq).toBe(60);
      expect(res.json().results).toHaveLength(60);
    }
    const statuses = [...a.json().results, ...b.json().results].map(
      (r: { status: string }) => r.status,
    );
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(60);
    const n = await one<{ n: number }>(
      split,
      'SELECT count(*)::int AS n FROM tryons WHERE device_id = $1',
      [dev.deviceId],
    );
    expect(n?.n).toBe(60);
  });

  it('inserts a run of try-ons with one statement, around other mutations, with the answers of one at a time', async () => {
    const dev = await enrollDevice(cloud);
    await cloud.db.exec('DELETE FROM test_tryon_statements');
    const batch: MutationEnvelope[] = [
      ...tryOns(1, ['T-g1', 'T-g2']),
      env(3, 'earnPoints', { earnId: 'E-g1', memberId: 'M000013', points: 5, saleId: null }),
      ...tryOns(4, ['T-g3']),
      // the same try-on again under another key: recorded once, by the first copy
      env(5, 'logTryOn', tryOnArgs('T-g1'), { key: 'tryon:T-g1-again' }),
    ];
    const res = await push(cloud, dev, 'e1', batch);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as { status: string; result: { recorded?: boolean } }[];
    expect(results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(results.map((r) => r.result.recorded)).toEqual([true, true, undefined, true, false]);
    expect(await tryOnCount(['T-g1', 'T-g2', 'T-g3'])).toBe(3);
    const statements = await one<{ n: number }>(
      cloud,
      'SELECT count(*)::int AS n FROM test_tryon_statements',
    );
    expect(statements?.n).toBe(1);
  });
});
