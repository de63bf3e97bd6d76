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

export interface TransactionOptions {
  /**
   * Send the transaction's parameterised statements as named prepared statements, kept by the
   * connection (PostgreSQL; PGlite ignores it): parsed and planned once per connection instead of
   * once per call. For hot paths of short, fixed statements (the push), where a generic plan is
   * as good as a custom one; not for analytics, whose plans depend on the values. Such statements
   * name their columns (no `*`): a migration that changed what one returns would fail it once per
   * connection ("cached plan must not change result type").
   */
  prepareStatements?: boolean;
}

/**
 * The database as the cloud sees it. Guarantees: `transaction` runs `fn` on one connection between
 * BEGIN and COMMIT, and rolls back (rethrowing) when `fn` throws. Bigint columns may come back as
 * numbers (PGlite) or strings (pg): cast in SQL (`::int`, `::text`) where the type matters.
 */
export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}
