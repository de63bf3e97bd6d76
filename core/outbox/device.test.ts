import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { deviceIdentity, startNewEpoch } from './device';
import { enqueue, type Mutation } from './outbox';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
const mutation = (n: number): Mutation => ({
  name: 'logTryOn',
  version: 1,
  idempotencyKey: `logTryOn:${n}`,
  args: { n },
  hlc: `000001764000000000-000${n % 10}-kiosk-1`,
});
const outbox = () =>
  db.raw
    .prepare('SELECT idempotency_key AS key, epoch, seq, state FROM outbox ORDER BY epoch, seq')
    .all() as { key: string; epoch: number; seq: number; state: string }[];

beforeEach(() => {
  db = openTestDb();
  for (let n = 1; n <= 6; n++) db.transaction(() => enqueue(db, mutation(n)));
  // 1–2 acknowledged, 3 parked, 4 in flight, 5–6 pending
  db.exec(`UPDATE outbox SET state = 'acked' WHERE seq <= 2;
    UPDATE outbox SET state = 'parked' WHERE seq = 3;
    UPDATE outbox SET state = 'sent' WHERE seq = 4;`);
});
afterEach(() => db.close());

describe('startNewEpoch', () => {
  it('renumbers the unacknowledged rows from seq 1 in a new epoch above the cloud, keys unchanged', () => {
    expect(startNewEpoch(db, 7)).toEqual({ epoch: 8, moved: 3 });
    expect(deviceIdentity(db).epoch).toBe(8);
    expect(outbox()).toEqual([
      { key: 'logTryOn:1', epoch: 1, seq: 1, state: 'acked' },
      { key: 'logTryOn:2', epoch: 1, seq: 2, state: 'acked' },
      { key: 'logTryOn:3', epoch: 1, seq: 3, state: 'parked' },
      { key: 'logTryOn:4', epoch: 8, seq: 1, state: 'pending' },
      { key: 'logTryOn:5', epoch: 8, seq: 2, state: 'pending' },
      { key: 'logTryOn:6', epoch: 8, seq: 3, state: 'pending' },
    ]);
    // the next write continues the new epoch without a gap
    db.transaction(() => enqueue(db, mutation(7)));
    expect(outbox().at(-1)).toEqual({ key: 'logTryOn:7', epoch: 8, seq: 4, state: 'pending' });
  });

  it('goes above its own epochs when the cloud knows a lower one, and twice in a row stays gapless', () => {
    expect(startNewEpoch(db, 0).epoch).toBe(2);
    expect(startNewEpoch(db, 1)).toEqual({ epoch: 3, moved: 3 });
    expect(
      outbox()
        .filter((r) => r.epoch === 3)
        .map((r) => r.seq),
    ).toEqual([1, 2, 3]);
    expect(outbox().filter((r) => r.epoch === 2)).toEqual([]);
  });

  it('commits all or nothing', () => {
    db.exec(`CREATE TRIGGER boom BEFORE UPDATE OF seq ON outbox WHEN NEW.seq = 3
      BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => startNewEpoch(db, 4)).toThrow(/disk full/);
    expect(deviceIdentity(db).epoch).toBe(1);
    expect(outbox().map((r) => r.epoch)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
