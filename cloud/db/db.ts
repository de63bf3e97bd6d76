/** A value bound to a `$n` placeholder. */
export type SqlParam = string | number | boolean | null;

/** One connection's worth of querying: the whole app talks to PostgreSQL through this. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
  ): Promise<{ rows: R[] }>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The database as the cloud sees it. Guarantees: `transaction` runs `fn` on one connection between
 * BEGIN and COMMIT, and rolls back (rethrowing) when `fn` throws. Bigint columns may come back as
 * numbers (PGlite) or strings (pg): cast in SQL (`::int`, `::text`) where the type matters.
 */
export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
