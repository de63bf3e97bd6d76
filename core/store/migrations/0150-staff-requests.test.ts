import { describe, expect, it } from 'vitest';
import { inserter, queryPlan, migratedKeepingOutbox } from './test-support';

describe('0150-staff-requests', () => {
  it('adds staff_requests to a database at 140, keeping its outbox, and checks kind and status', () => {
    const db = migratedKeepingOutbox(150);
    const add = inserter(db, 'staff_requests', {
      store_id: 'S001',
      origin_device: 'D1',
      kind: 'size',
      place: 'Fitting room 1',
      sku: 'A-BLK-M',
      size: 'M',
      name_zh: '裙',
      name_en: 'Dress',
      status: 'waiting',
      created_at: 't',
      updated_at: 't',
      updated_hlc: '001795171200000-00000',
      updated_device: 'D1',
      updated_by: null,
    });
    add({ request_id: 'R1' });
    expect(() => add({ request_id: 'R1' })).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add({ request_id: 'R2', kind: 'coffee' })).toThrow(/CHECK/);
    expect(() => add({ request_id: 'R3', kind: 'help', status: 'lost' })).toThrow(/CHECK/);
    expect(
      queryPlan(
        db,
        "SELECT * FROM staff_requests WHERE store_id = 'S001' AND status IN ('waiting', 'on-the-way') AND created_at >= 't'",
      ),
    ).toContain('staff_requests_open');
  });
});
