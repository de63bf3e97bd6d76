/**
 * For the screen services' tests: the demo store imported into a real SQLite file once per test
 * file, and screen services of any role on it with a clock the test controls.
 */
import { afterAll } from 'vitest';
import { count, openDemoDb } from '../../../test/support/db';
import { createCatalog } from '../../../core/catalog/lookup';
import type { DataKey } from '../../../core/crypto/data-key';
import { readOnly, type WritableDB } from '../../../core/store/db';
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
  count(sql: string, ...params: unknown[]): number;
  close(): void;
}

export const scanBytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export function openDemoScreens(): DemoScreens {
  const db = openDemoDb();
  const key = db.key;
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
    count: (sql, ...params) => count(db, sql, ...params),
    close: () => db.close(),
  };
}

/** The demo screens for one test file: opened as the file loads, closed after its last test. */
export function useDemoScreens(): DemoScreens {
  const demo = openDemoScreens();
  afterAll(() => demo.close());
  return demo;
}

/**
 * A clock that moves one second on every reading (each audited action gets its own time), and
 * further when the test says so.
 */
export function tickingClock(startIso = '2026-11-24T08:00:00Z') {
  let nowMs = Date.parse(startIso);
  return Object.assign(() => new Date((nowMs += 1000)), {
    advance: (ms: number) => void (nowMs += ms),
  });
}
