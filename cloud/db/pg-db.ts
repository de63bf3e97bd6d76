import pg from 'pg';
import type { Db, Queryable, SqlParam } from './db';
import { statementNames } from './pg-statement-names';

export interface PgDbOptions {
  connectionString: string;
  /** Use this schema (created if missing) as search_path: lets tests share one server. */
  schema?: string;
  max?: number;
}

/** PostgreSQL through a `pg` Pool. Each transaction holds one pooled client until it ends. */
export async function createPgDb(opts: PgDbOptions): Promise<Db> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) {
    throw new TypeError(`invalid schema name: ${opts.schema}`);
  }
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: opts.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const names = statementNames();
  const query = async <R extends object>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly SqlParam[] = [],
    prepare = false,
  ) => {
    // Only statements with parameters: a text without any may hold several statements (exec).
    const name = prepare && params.length > 0 ? names.nameFor(sql) : undefined;
    const res = await (name === undefined
      ? client.query(sql, [...params])
      : client.query({ name, text: sql, values: [...params] }));
    return { rows: res.rows as R[] };
  };
  return {
    kind: 'pg',
    query: (sql, params) => query(pool, sql, params),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn, opts) {
      const client = await pool.connect();
      const prepare = opts?.prepareStatements === true;
      const tx: Queryable = {
        query: (sql, params) => query(client, sql, params, prepare),
        exec: async (sql) => void (await client.query(sql)),
      };
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
