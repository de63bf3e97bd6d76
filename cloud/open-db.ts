import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { createPgDb } from './db/pg-db';
import { createPgliteDb } from './db/pglite-db';
import { isEmpty, loadDemoStore } from './demo/load-demo-store';
import { loadDemoHistory } from './recommend/demo-history';

export interface OpenDbOptions {
  /** PostgreSQL URL; absent = PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; absent = in memory. */
  dataDir?: string;
  /** Load these demo CSVs when the database has no stores yet. */
  demoDir?: string;
}

/** Opens the database, migrates it, and loads the demo store into an empty one. */
export async function openCloudDb(opts: OpenDbOptions): Promise<{ db: Db; loadedDemo: boolean }> {
  const db = opts.databaseUrl
    ? await createPgDb({ connectionString: opts.databaseUrl })
    : await createPgliteDb(opts.dataDir);
  await migrate(db);
  let loadedDemo = false;
  if (opts.demoDir && (await isEmpty(db))) {
    await loadDemoStore(db, opts.demoDir);
    await loadDemoHistory(db, opts.demoDir);
    loadedDemo = true;
  }
  return { db, loadedDemo };
}
