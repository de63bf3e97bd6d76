/** The member cloud on a real loopback port (Fastify in this process, PGlite or PostgreSQL). */
import type { AddressInfo } from 'node:net';
import type { CloudAppOptions } from '../../../cloud/app';
import { createCode, startCloud, type Cloud } from '../../../cloud/test/harness';

export interface RunningCloud {
  cloud: Cloud;
  url: string;
  port: number;
  /** A one-hour enrollment code for a store (default S001). */
  code(storeId?: string): Promise<string>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Moves the server's clock ahead of real time (it keeps ticking from there). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startRealCloud(
  kind: 'pglite' | 'pg',
  app: Partial<CloudAppOptions> = {},
): Promise<RunningCloud> {
  const cloud = await startCloud(kind, { app });
  // The harness clock is fixed for deterministic tests; here the server runs on real time, plus
  // whatever a test advanced it by (the tick must not undo that).
  let aheadMs = 0;
  const followRealTime = () => (cloud.clock.ms = Date.now() + aheadMs);
  followRealTime();
  const tick = setInterval(followRealTime, 50);
  tick.unref();
  await cloud.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (cloud.app.server.address() as AddressInfo).port;
  return {
    cloud,
    port,
    url: `http://127.0.0.1:${port}`,
    code: (storeId = 'S001') => createCode(cloud, storeId, 3600),
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await cloud.db.query(sql, params as never);
      return r.rows as T[];
    },
    advance(ms) {
      aheadMs += ms;
      followRealTime();
    },
    async close() {
      clearInterval(tick);
      await cloud.close();
    },
  };
}
