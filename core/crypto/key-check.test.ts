import { afterEach, beforeEach, expect, it } from 'vitest';

import { DataKey } from './data-key';
import { checkDataKey } from './key-check';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
beforeEach(() => (db = openTestDb()));
afterEach(() => db.close());

it('records the key on first use, accepts it again, and names a different key a mismatch', () => {
  const key = DataKey.generate();
  expect(checkDataKey(db, key)).toEqual({ ok: true, value: { firstUse: true } });
  expect(checkDataKey(db, DataKey.fromBytes(key.exportBytes()))).toEqual({
    ok: true,
    value: { firstUse: false },
  });
  expect(checkDataKey(db, DataKey.generate())).toMatchObject({
    ok: false,
    error: { code: 'key-mismatch' },
  });
  const stored = db.raw
    .prepare("SELECT value FROM settings WHERE key = 'crypto.key_check'")
    .get() as {
    value: string;
  };
  expect(stored.value).not.toContain(key.exportBytes().toString('hex'));
});
