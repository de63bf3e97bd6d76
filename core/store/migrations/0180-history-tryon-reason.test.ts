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

const insert = (line: number, reason: string | null) =>
  db
    .prepare(
      `INSERT INTO history_tryons (session_id, line_no, member_id, store_id, ts, sku, outcome, reason)
       VALUES ('T1', ?, NULL, 'S001', 't', 'S1-A', 'rejected', ?)`,
    )
    .run(line, reason);

describe('0180-history-tryon-reason', () => {
  it('adds a reason to past try-ons: existing rows keep NULL, only the five reasons are allowed', () => {
    migrate(db, 170);
    db.exec(`INSERT INTO history_tryons VALUES ('T0', 1, NULL, 'S001', 't', 'S1-A', 'liked')`);
    expect(migrate(db, 180)).toEqual([180]);
    expect(currentVersion(db)).toBe(180);
    expect(db.raw.prepare('SELECT reason FROM history_tryons').get()).toEqual({ reason: null });
    insert(1, 'too-small');
    insert(2, null);
    expect(() => insert(3, 'too_small')).toThrow(/CHECK/);
    expect(() => insert(4, 'ugly')).toThrow(/CHECK/);
    expect(
      db.raw.prepare("SELECT count(*) AS n FROM history_tryons WHERE reason = 'too-small'").get(),
    ).toEqual({ n: 1 });
  });
});
