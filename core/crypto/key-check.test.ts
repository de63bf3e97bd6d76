import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { openDatabase, type WritableDB } from '../store/db';
import { migrate } from '../store/migrations';
import { DataKey } from './data-key';
import { checkDataKey } from './key-check';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
});
afterEach(() => {
  db.close();
  dir.remove();
});

it('records the key on first use, accepts it again, and names a different key a mismatch', () => {
  const key = DataKey.generate();
  expect(checkDataKey(db, key)).toEqual({ ok: true, firstUse: true });
  expect(checkDataKey(db, DataKey.fromBytes(key.exportBytes()))).toEqual({
    ok: true,
    firstUse: false,
  });
  expect(checkDataKey(db, DataKey.generate())).toMatchObject({ ok: false, code: 'key-mismatch' });
  const stored = db.raw
    .prepare("SELECT value FROM settings WHERE key = 'crypto.key_check'")
    .get() as {
    value: string;
  };
  expect(stored.value).not.toContain(key.exportBytes().toString('hex'));
});
