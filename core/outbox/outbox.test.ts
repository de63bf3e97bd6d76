import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { deviceIdentity, setDeviceIdentity } from './device';
import { enqueue, OutboxError, parse, type Mutation } from './outbox';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
const now = new Date('2026-11-24T08:00:00.000Z');
const mutation = (n: number): Mutation => ({
  name: 'logTryOn',
  version: 1,
  idempotencyKey: `logTryOn:${n}`,
  args: { sku: 'DRE001-WHT-XS', n },
  hlc: `000001764000000000-000${n % 10}-kiosk-1`,
});
const rows = () =>
  db.raw.prepare('SELECT * FROM outbox ORDER BY id').all() as Record<string, unknown>[];

beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

describe('enqueue', () => {
  it('refuses to run outside a transaction', () => {
    expect(() => enqueue(db, mutation(1), now)).toThrow(OutboxError);
    expect(rows()).toHaveLength(0);
  });

  it('assigns gapless sequence numbers per device and epoch, even across rollbacks', () => {
    db.transaction(() => enqueue(db, mutation(1), now));
    expect(() =>
      db.transaction(() => {
        enqueue(db, mutation(2), now);
        throw new Error('the domain write failed');
      }),
    ).toThrow(/domain write failed/);
    const third = db.transaction(() => enqueue(db, mutation(3), now));
    expect(rows().map((r) => r.seq)).toEqual([1, 2]);
    expect(third).toMatchObject({ seq: 2, state: 'pending', attempts: 0, mutation: 'logTryOn' });
    expect(third.args).toEqual({ sku: 'DRE001-WHT-XS', n: 3 });
  });

  it('starts again at 1 in a new epoch, and never reuses a number after acked rows are pruned', () => {
    const { deviceId } = db.transaction(() => deviceIdentity(db));
    db.transaction(() => enqueue(db, mutation(1), now));
    db.transaction(() => enqueue(db, mutation(2), now));
    db.exec('DELETE FROM outbox');
    expect(db.transaction(() => enqueue(db, mutation(3), now)).seq).toBe(3);
    setDeviceIdentity(db, { deviceId, epoch: 2 });
    expect(db.transaction(() => enqueue(db, mutation(4), now))).toMatchObject({ epoch: 2, seq: 1 });
  });

  it('refuses a duplicate idempotency key and an invalid mutation, with typed codes', () => {
    db.transaction(() => enqueue(db, mutation(1), now));
    const codeOf = (fn: () => unknown) => {
      try {
        db.transaction(fn);
      } catch (error) {
        return error instanceof OutboxError ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => enqueue(db, mutation(1), now))).toBe('duplicate-key');
    expect(
      codeOf(() => enqueue(db, { ...mutation(5), name: 'dropTables' } as unknown as Mutation, now)),
    ).toBe('invalid-mutation');
    expect(rows()).toHaveLength(1);
  });
});

describe('parse', () => {
  it('accepts a stored row and maps it to an entry', () => {
    db.transaction(() => enqueue(db, mutation(1), now));
    const result = parse(rows()[0]);
    expect(result.ok && result.value).toMatchObject({
      seq: 1,
      epoch: 1,
      idempotencyKey: 'logTryOn:1',
      createdAt: now.toISOString(),
    });
  });

  it('rejects a corrupt row with a typed error instead of throwing', () => {
    db.transaction(() => enqueue(db, mutation(1), now));
    const row = rows()[0] ?? {};
    for (const bad of [
      null,
      'x',
      { ...row, args: '[1,2]' },
      { ...row, args: '{not json' },
      { ...row, state: 'lost' },
      { ...row, seq: 0 },
      { ...row, mutation: 'nope' },
    ]) {
      const result = parse(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-outbox-entry');
    }
  });
});
