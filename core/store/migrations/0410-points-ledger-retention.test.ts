import { describe, expect, it } from 'vitest';
import { databaseAt, inserter, migrateTo, read } from './test-support';

describe('0410-points-ledger-retention', () => {
  it('lets an acknowledged entry be deleted; never an unacknowledged one, never an update', () => {
    const db = databaseAt(400);
    const entry = inserter(db, 'points_ledger', {
      member_id: 'M000001',
      delta: 50,
      reason: 'earn',
      created_at: '2026-01-10T08:00:00Z',
    });
    const outboxRow = inserter(db, 'outbox', {
      device_id: 'dev-1',
      epoch: 1,
      mutation: 'earnPoints',
      version: 1,
      args: '{}',
      hlc: '000001768000000000-0000-kiosk-1',
      created_at: '2026-01-10T08:00:00Z',
    });
    entry({ entry_id: 'e-acked', sale_id: 'SALE-A' });
    outboxRow({ seq: 1, idempotency_key: 'earnPoints:SALE-A', state: 'acked' });
    entry({ entry_id: 'e-waiting', sale_id: 'SALE-B' });
    outboxRow({ seq: 2, idempotency_key: 'earnPoints:SALE-B', state: 'sent' });
    entry({ entry_id: 'e-purged-ack', sale_id: 'SALE-C' }); // its acked row already purged
    const remove = (id: string) =>
      db.raw.prepare('DELETE FROM points_ledger WHERE entry_id = ?').run(id);
    expect(() => remove('e-acked')).toThrow(/append-only/);

    migrateTo(db, 410);
    remove('e-acked');
    remove('e-purged-ack');
    expect(() => remove('e-waiting')).toThrow(/not acknowledged/);
    expect(() => db.raw.prepare('UPDATE points_ledger SET delta = 1').run()).toThrow(/append-only/);
    expect(read(db, 'SELECT entry_id FROM points_ledger')).toEqual([{ entry_id: 'e-waiting' }]);
  });
});
