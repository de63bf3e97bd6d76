import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceIdentity } from '../core/outbox/device';
import { pushOnce } from './push';
import { allApplied, queue, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
const now = () => new Date('2026-11-24T09:00:00Z');

beforeEach(() => {
  k = testKiosk();
});
afterEach(() => k.remove());

const retiredOnce = (details: unknown) => {
  let answered = false;
  return scriptedCloud({
    push: (req) => {
      if (!answered && req.epoch === '1') {
        answered = true;
        return {
          ok: false,
          error: {
            kind: 'http-4xx',
            status: 409,
            code: 'epoch-retired',
            message: 'retired',
            details: details as Record<string, unknown>,
          },
        };
      }
      return allApplied(req);
    },
  });
};

describe('epoch-retired', () => {
  it('moves the unacknowledged rows to an epoch above the cloud, from seq 1, same keys, and resends', async () => {
    queue(k.db, 4);
    k.db.exec(`UPDATE outbox SET state = 'acked' WHERE seq = 1`);
    const cloud = retiredOnce({ currentEpoch: '5', highestEpoch: 5 });
    const deps = { db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now };
    expect(await pushOnce(deps)).toMatchObject({ kind: 'failed', newEpoch: 6 });
    expect(deviceIdentity(k.db).epoch).toBe(6);
    expect(await pushOnce(deps)).toMatchObject({ kind: 'sent', count: 3 });
    const [first, second] = cloud.pushes;
    expect(first?.mutations.map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(second?.epoch).toBe('6');
    expect(second?.mutations.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(second?.mutations.map((m) => m.key)).toEqual(first?.mutations.map((m) => m.key));
    expect(await pushOnce(deps)).toEqual({ kind: 'idle' });
  });

  it('without usable details still moves above every local epoch', async () => {
    queue(k.db, 2);
    const cloud = retiredOnce({ unexpected: true });
    const deps = { db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now };
    expect(await pushOnce(deps)).toMatchObject({ kind: 'failed', newEpoch: 2 });
    expect(await pushOnce(deps)).toMatchObject({ kind: 'sent', count: 2 });
    expect(cloud.pushes[1]).toMatchObject({ epoch: '2' });
  });
});
