import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './db';

/** PostgreSQL in-process (WASM). `dataDir` undefined = in memory. One connection: calls serialize. */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async exec(sql: string) {
      await q.exec(sql);
    },
    async query<R extends object>(sql: string, params: readonly SqlParam[] = []) {
      const res = await q.query<R>(sql, [...params]);
      return { rows: res.rows };
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
