import { describe, expect, it } from 'vitest';
import { oldestUnackedGroup } from '../../sync-store/outbox-sync';
import { databaseAt, inserter, migrateTo, queryPlan } from './test-support';

describe('0420-outbox-unacked-index', () => {
  it('finds the next rows to push by the waiting rows’ own indexes, past the acknowledged ones', () => {
    const db = databaseAt(410);
    const row = inserter(db, 'outbox', {
      mutation: 'logTryOn',
      version: 1,
      args: '{}',
      hlc: '000001768000000000-0000-kiosk-1',
      created_at: '2026-01-10T08:00:00Z',
    });
    // an old epoch, all acknowledged; the current one, acknowledged up to seq 40
    for (let seq = 1; seq <= 5; seq++)
      row({ device_id: 'dev-1', epoch: 1, seq, idempotency_key: `a${seq}`, state: 'acked' });
    for (let seq = 1; seq <= 60; seq++)
      row({
        device_id: 'dev-2',
        epoch: 2,
        seq,
        idempotency_key: `b${seq}`,
        state: seq <= 40 ? 'acked' : seq <= 45 ? 'sent' : 'pending',
      });
    migrateTo(db, 420);
    const group = oldestUnackedGroup(db, 10);
    expect(group.map((r) => [r.device_id, r.epoch, r.seq])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['dev-2', 2, 41 + i]),
    );
    expect(
      queryPlan(
        db,
        "SELECT * FROM outbox WHERE device_id = 'dev-2' AND epoch = 2 AND state IN ('pending', 'sent') ORDER BY seq LIMIT 10",
      ),
    ).toContain('outbox_unacked_group');
    expect(
      queryPlan(
        db,
        "SELECT device_id, epoch FROM outbox INDEXED BY outbox_unacked_order WHERE state IN ('pending', 'sent') ORDER BY epoch, seq LIMIT 1",
      ),
    ).not.toContain('TEMP B-TREE');
    // acknowledging leaves the index: the next group starts after it
    db.raw.prepare("UPDATE outbox SET state = 'acked' WHERE seq <= 50").run();
    expect(oldestUnackedGroup(db, 3).map((r) => r.seq)).toEqual([51, 52, 53]);
  });
});
