/**
 * `npm run cloud -- train`: trains the brand-wide recommendation model now and publishes it, on
 * the database DATABASE_URL / CLOUD_DATA_DIR names (a running cloud on an in-memory PGlite trains
 * by itself at start and nightly). Prints the version, the validation and each store's copy;
 * the phases' progress goes to stderr.
 */
import type { ProgressOutput } from '../../common/progress';
import { stageProgress } from '../../common/progress-stages';
import { openCloudDb } from '../open-db';
import { trainAndPublish } from './train';

export interface TrainCommandIo {
  env: NodeJS.ProcessEnv;
  demoDir: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where training shows its phases (a bar on a terminal, plain lines otherwise). */
  progress?: ProgressOutput;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function trainCommand(io: TrainCommandIo): Promise<number> {
  if (!io.env.DATABASE_URL && !io.env.CLOUD_DATA_DIR) {
    io.err('set DATABASE_URL or CLOUD_DATA_DIR: an in-memory cloud trains by itself at start');
    return 2;
  }
  const { db } = await openCloudDb({
    databaseUrl: io.env.DATABASE_URL,
    dataDir: io.env.CLOUD_DATA_DIR,
    demoDir: io.demoDir,
  });
  try {
    const stages = stageProgress(io.progress, 'events');
    const result = await trainAndPublish(db, new Date(), (p) =>
      stages.update({ ...p, stage: `training: ${p.phase}` }),
    );
    stages.end();
    if (!result.ok) {
      io.err(`not trained: ${result.error.message}`);
      return 1;
    }
    const r = result.value;
    io.out(`model ${r.version}: ${r.events} events, ${r.members} members, ${r.ms} ms`);
    const v = r.meta.validation;
    io.out(
      v
        ? `weights ${JSON.stringify(r.meta.weights)} chosen on ${v.from} … ${v.to} (${v.members} members): precision@5 ${v.precisionAt5.blend} vs popularity ${v.precisionAt5.popularity}`
        : `weights ${JSON.stringify(r.meta.weights)} (defaults: too few members to validate)`,
    );
    for (const s of r.stores)
      io.out(`${s.storeId}: ${s.rows} rows (${s.members} members), ${kb(s.bytes)}`);
    return 0;
  } finally {
    await db.close();
  }
}
