import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { createPgDb } from './db/pg-db';
import { createPgliteDb } from './db/pglite-db';
import { isEmpty, loadDemoStore } from './demo/load-demo-store';
import { loadDemoHistory as loadTrainingHistory } from './recommend/demo-history';
import { createDemoUsers } from './hq/demo/demo-users';
import { loadDemoHistory } from './hq/demo/history';
import { backfillRollups } from './hq/rollups/backfill';

export interface OpenDbOptions {
  /** PostgreSQL URL; absent = PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; absent = in memory. */
  dataDir?: string;
  /** Load these demo CSVs when the database has no stores yet. */
  demoDir?: string;
  /** With the demo: also its sales and try-on history and one HQ console user per role. */
  demoHistory?: boolean;
}

/** Opens the database, migrates it, and loads the demo store into an empty one. */
export async function openCloudDb(opts: OpenDbOptions): Promise<{ db: Db; loadedDemo: boolean }> {
  const db = opts.databaseUrl
    ? await createPgDb({ connectionString: opts.databaseUrl })
    : await createPgliteDb(opts.dataDir);
  await migrate(db);
  await backfillRollups(db);
  let loadedDemo = false;
  if (opts.demoDir && (await isEmpty(db))) {
    await loadDemoStore(db, opts.demoDir);
    if (opts.demoHistory !== false) {
      // the past the kiosks never pushed: as events for the console, as history for training
      await loadDemoHistory(db, opts.demoDir);
      await loadTrainingHistory(db, opts.demoDir);
      await createDemoUsers(db, new Date());
    }
    loadedDemo = true;
  }
  return { db, loadedDemo };
}
