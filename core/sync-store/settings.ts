/** The kiosk's `settings` key/value table, as the sync modules read and write it. */
import type { WritableDB } from '../store/db';

export function readSetting(db: WritableDB, key: string): string | null {
  return (
    db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)
      ?.value ?? null
  );
}

export function writeSetting(db: WritableDB, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function deleteSetting(db: WritableDB, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
