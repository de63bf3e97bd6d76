/**
 * For the screen services' tests: the demo store imported into a real SQLite file once per test
 * file, and screen services of any role on it with a clock the test controls.
 */
import { join } from 'node:path';
import { demoStore, tempDir } from '../../../test/support/temp';
import { createCatalog } from '../../../core/catalog/lookup';
import { DataKey } from '../../../core/crypto/data-key';
import { importStoreFolder } from '../../../core/import/importer';
import { allStoreFiles } from '../../../core/import/store-files';
import { openDatabase, readOnly, type WritableDB } from '../../../core/store/db';
import { migrate } from '../../../core/store/migrations';
import { parseConfig } from '../../config';
import { createLogger } from '../../log';
import { createScreenService, type ScreenServiceOptions } from './screen-service';

export interface DemoScreens {
  db: WritableDB;
  key: DataKey;
  /** A screen of `role` on the demo store; `extra` is merged into the kiosk config. */
  service(
    role: 'mirror' | 'checkout' | 'staff',
    extra?: object,
    options?: Partial<ScreenServiceOptions>,
  ): {
    s: ReturnType<typeof createScreenService>;
    events: Array<{ event: string; payload: unknown }>;
    advance(ms: number): void;
  };
  count(sql: string): number;
  close(): void;
}

export const scanBytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export function openDemoScreens(): DemoScreens {
  const key = DataKey.generate();
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  importStoreFolder(db, demoStore, allStoreFiles, { key });
  const catalog = createCatalog(readOnly(db), 'S001');
  return {
    db,
    key,
    service(role, extra = {}, options = {}) {
      let nowMs = Date.parse('2026-11-24T08:00:00Z');
      const events: Array<{ event: string; payload: unknown }> = [];
      const s = createScreenService({
        config: parseConfig({ storeId: 'S001', role, ...extra }),
        db,
        catalog,
        key,
        log: createLogger(null, 'silent'),
        emit: (event, payload) => events.push({ event, payload }),
        now: () => new Date(nowMs),
        ...options,
      });
      return { s, events, advance: (ms) => (nowMs += ms) };
    },
    count: (sql) => (db.raw.prepare(sql).get() as { n: number }).n,
    close() {
      db.close();
      dir.remove();
    },
  };
}
