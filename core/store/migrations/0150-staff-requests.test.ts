import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import { currentVersion, migrate } from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const add = (id: string, kind: string, status: string) =>
  db
    .prepare(
      `INSERT INTO staff_requests (request_id, store_id, origin_device, kind, place, sku, size,
         name_zh, name_en, status, created_at, updated_at, updated_hlc, updated_device, updated_by)
       VALUES (?, 'S001', 'D1', ?, 'Fitting room 1', 'A-BLK-M', 'M', '裙', 'Dress', ?, 't', 't',
         '001795171200000-00000', 'D1', NULL)`,
    )
    .run(id, kind, status);

describe('0150-staff-requests', () => {
  it('adds staff_requests to a database at 140, keeping its outbox, and checks kind and status', () => {
    migrate(db, 140);
    db.exec(`INSERT INTO outbox_counters VALUES ('D1', 1, 7)`);
    expect(migrate(db, 150)).toEqual([150]);
    expect(currentVersion(db)).toBe(150);
    expect(db.raw.prepare('SELECT last_seq FROM outbox_counters').get()).toEqual({ last_seq: 7 });
    add('R1', 'size', 'waiting');
    expect(() => add('R1', 'size', 'waiting')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('R2', 'coffee', 'waiting')).toThrow(/CHECK/);
    expect(() => add('R3', 'help', 'lost')).toThrow(/CHECK/);
    const plan = db.raw
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM staff_requests WHERE store_id = 'S001' AND status IN ('waiting', 'on-the-way') AND created_at >= 't'",
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('staff_requests_open');
  });
});
