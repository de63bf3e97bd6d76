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

const order = (id: string, kind: string, delivery: string, qty = 1) =>
  db
    .prepare(
      `INSERT INTO orders (order_id, session_id, store_id, kind, from_location, delivery, sku, qty,
         member_id, created_at) VALUES (?, 'V1', 'S001', ?, 'S002', ?, 'A-BLK-M', ?, 'M1', 't')`,
    )
    .run(id, kind, delivery, qty);

describe('0110-orders, 0120-nps and 0130-photo-send', () => {
  it('adds orders to a database at 100, keeping its outbox, and checks kind, delivery and qty', () => {
    migrate(db, 100);
    db.exec(`INSERT INTO outbox_counters VALUES ('D1', 1, 4)`);
    expect(migrate(db, 110)).toEqual([110]);
    expect(currentVersion(db)).toBe(110);
    expect(db.raw.prepare('SELECT last_seq FROM outbox_counters').get()).toEqual({ last_seq: 4 });
    order('O1', 'reserve-in-store', 'pickup-there');
    expect(() => order('O1', 'reserve-in-store', 'pickup-there')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => order('O2', 'teleport', 'home')).toThrow(/CHECK/);
    expect(() => order('O3', 'ship-from-online', 'drone')).toThrow(/CHECK/);
    expect(() => order('O4', 'ship-from-online', 'home', 0)).toThrow(/CHECK/);
    const plan = db.raw
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM orders WHERE member_id = 'M1' ORDER BY created_at")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('orders_member');
  });

  it('adds nps_responses at 120: one answer per sale, scores 0 to 10', () => {
    migrate(db, 110);
    expect(migrate(db, 120)).toEqual([120]);
    const add = db.prepare(
      "INSERT INTO nps_responses VALUES (?, ?, 'S001', NULL, ?, '2026-11-24T08:00:00Z')",
    );
    add.run('N1', 'SALE1', 10);
    expect(() => add.run('N2', 'SALE1', 5)).toThrow(/UNIQUE/);
    expect(() => add.run('N3', 'SALE2', 11)).toThrow(/CHECK/);
    expect(() => add.run('N4', 'SALE3', -1)).toThrow(/CHECK/);
  });

  it('adds send_requested_at to photos at 130, keeping the photos, and finds those to send by index', () => {
    migrate(db, 120);
    db.exec(`INSERT INTO photos (photo_id, image_enc, consented_at, created_at)
      VALUES ('P1', x'00', 't', 't')`);
    expect(migrate(db, 130)).toEqual([130]);
    expect(db.raw.prepare('SELECT send_requested_at FROM photos').get()).toEqual({
      send_requested_at: null,
    });
    const plan = db.raw
      .prepare(
        'EXPLAIN QUERY PLAN SELECT photo_id FROM photos WHERE send_requested_at IS NOT NULL AND sent_at IS NULL ORDER BY send_requested_at',
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('photos_to_send');
  });
});
