/**
 * Keeps the store's staff requests fresh: pulls the `requests` stream every `intervalMs` (a few
 * seconds) while the sync engine reports the cloud reachable, so a shopper waiting in a fitting
 * room sees "staff on the way" soon after someone at another kiosk taps it. The other streams keep
 * the engine's own interval; this loop pulls only `requests` and the engine never does, so the two
 * never race on that stream's cursor.
 *
 * Guarantees: one pull at a time (a tick during a pull is skipped); a failed pull only waits for
 * the next tick; `onChanged` is called after a pull that applied at least one row.
 */
import type { Logger } from 'pino';
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import type { CloudClient } from './cloud-client';
import type { SyncHttpError } from './http-client';
import { pullStream, type PullResult } from './pull';

export interface RequestsPollerOptions {
  db: WritableDB;
  key: DataKey;
  client: CloudClient;
  /** The current device token (re-read every pull, so a rotation takes effect); null = stop. */
  token: () => string | null;
  intervalMs: number;
  /** Whether the cloud is reachable now (the engine's status); ticks do nothing otherwise. */
  isOnline: () => boolean;
  onChanged: (rows: number) => void;
  /** Called after a pull failed (the engine may want to re-check the connection). */
  onFailed?: (error: SyncHttpError) => void;
  now?: () => Date;
  log?: Logger;
}

export interface RequestsPoller {
  start(): void;
  stop(): void;
  /** Pulls now (whatever the connectivity); null when a pull is already running or no token. */
  pollNow(): Promise<PullResult | null>;
}

export function createRequestsPoller(opts: RequestsPollerOptions): RequestsPoller {
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  async function pollNow(): Promise<PullResult | null> {
    const token = opts.token();
    if (running || !token) return null;
    running = true;
    try {
      const result = await pullStream(
        { db: opts.db, key: opts.key, client: opts.client, token, now },
        'requests',
      );
      const rows = result.ok ? result.value.rows : result.partial.rows;
      if (!result.ok) {
        opts.log?.debug({ kind: result.error.kind }, 'requests pull failed');
        opts.onFailed?.(result.error);
      }
      if (rows > 0) opts.onChanged(rows);
      return result;
    } finally {
      running = false;
    }
  }

  function tick(): void {
    if (!opts.isOnline()) return;
    pollNow().catch((error: unknown) => opts.log?.error({ err: error }, 'requests pull failed'));
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    pollNow,
  };
}
