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

describe('0230-outbox-sealed-args', () => {
  it('adds sealed personal arguments and their erasure mark to a queued outbox, keeping its rows', () => {
    migrate(db, 180);
    db.exec(`INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args,
      hlc, created_at) VALUES ('d', 1, 1, 'k1', 'registerMember', 1, '{"phone":"1"}', 'h', 't')`);
    expect(migrate(db, 230)).toEqual([230]);
    expect(currentVersion(db)).toBe(230);
    expect(
      db.raw.prepare('SELECT args, sealed_args, personal_erased_at FROM outbox').get(),
    ).toEqual({ args: '{"phone":"1"}', sealed_args: null, personal_erased_at: null });
    db.exec(`UPDATE outbox SET sealed_args = x'0102', personal_erased_at = 't2'`);
    expect(db.raw.prepare('SELECT sealed_args FROM outbox').get()).toEqual({
      sealed_args: Buffer.of(1, 2),
    });
  });
});
