/**
 * Wires an engine for a kiosk database from its stored credentials: the one place that turns
 * credentials (URL, CA file, token) into a client, used by the host, the CLI and the fault driver.
 */
import type { Logger } from 'pino';
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import { createCloudClient, type CloudClient } from './cloud-client';
import { loadCredentials, type Credentials } from './credentials';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine';
import { createHttpClient, type SyncHttpError } from './http-client';

export type OpenEngineResult =
  | { ok: true; value: { engine: SyncEngine; client: CloudClient; credentials: Credentials } }
  | {
      ok: false;
      error: SyncHttpError | { kind: 'not-enrolled' | 'credentials-unreadable'; message: string };
    };

export function openSyncEngine(
  db: WritableDB,
  key: DataKey,
  options: Omit<SyncEngineOptions, 'db' | 'key' | 'client' | 'credentials'> & {
    log?: Logger;
    timeoutMs?: number;
  } = {},
): OpenEngineResult {
  const loaded = loadCredentials(db, key);
  if (!loaded.ok) return { ok: false, error: loaded.error };
  if (!loaded.value)
    return {
      ok: false,
      error: {
        kind: 'not-enrolled',
        message: 'this kiosk is not enrolled (kiosk enroll <url> <code>)',
      },
    };
  const creds = loaded.value;
  const http = createHttpClient({
    baseUrl: creds.url,
    caFile: creds.caFile ?? undefined,
    timeoutMs: options.timeoutMs,
  });
  if (!http.ok) return http;
  const client = createCloudClient(http.value);
  const engine = createSyncEngine({
    ...options,
    db,
    key,
    client,
    credentials: () => {
      const c = loadCredentials(db, key);
      return c.ok ? c.value : null;
    },
  });
  return { ok: true, value: { engine, client, credentials: creds } };
}
