import { describe, expect, it } from 'vitest';
import { inserter, queryPlan, migratedKeepingOutbox } from './test-support';

describe('0110-orders', () => {
  it('adds orders to a database at 100, keeping its outbox, and checks kind, delivery and qty', () => {
    const db = migratedKeepingOutbox(110);
    const order = inserter(db, 'orders', {
      session_id: 'V1',
      store_id: 'S001',
      kind: 'reserve-in-store',
      from_location: 'S002',
      delivery: 'pickup-there',
      sku: 'A-BLK-M',
      qty: 1,
      member_id: 'M1',
      created_at: 't',
    });
    order({ order_id: 'O1' });
    expect(() => order({ order_id: 'O1' })).toThrow(/UNIQUE|PRIMARY/);
    expect(() => order({ order_id: 'O2', kind: 'teleport', delivery: 'home' })).toThrow(/CHECK/);
    expect(() => order({ order_id: 'O3', kind: 'ship-from-online', delivery: 'drone' })).toThrow(
      /CHECK/,
    );
    expect(() =>
      order({ order_id: 'O4', kind: 'ship-from-online', delivery: 'home', qty: 0 }),
    ).toThrow(/CHECK/);
    expect(
      queryPlan(db, "SELECT * FROM orders WHERE member_id = 'M1' ORDER BY created_at"),
    ).toContain('orders_member');
  });
});
