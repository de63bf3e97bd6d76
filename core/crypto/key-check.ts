/**
 * Ties a database to the data key that sealed it: a keyed fingerprint kept in `settings`. A kiosk
 * whose key file was lost or replaced gets a clear `key-mismatch` instead of members that silently
 * fail to decrypt or look up.
 */
import { fail, ok, type Result } from '../../common/result';
import { timingSafeEqual } from 'node:crypto';
import type { WritableDB } from '../store/db';
import type { DataKey } from './data-key';
import { lookupHash } from './field-crypto';

const SETTING = 'crypto.key_check';

export type KeyCheckResult = Result<{ firstUse: boolean }, 'key-mismatch'>;

export function checkDataKey(db: WritableDB, key: DataKey): KeyCheckResult {
  const fingerprint = lookupHash(key, 'key-check', 'v1').toString('hex');
  return db.transaction((): KeyCheckResult => {
    const stored = db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(SETTING)?.value;
    if (stored === undefined) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(SETTING, fingerprint);
      return ok({ firstUse: true });
    }
    const same =
      stored.length === fingerprint.length &&
      timingSafeEqual(Buffer.from(stored), Buffer.from(fingerprint));
    return same
      ? ok({ firstUse: false })
      : fail(
          'key-mismatch',
          "this database's personal data was sealed with a different data key (was the key file replaced?)",
        );
  });
}
