/**
 * `kiosk sync media`: fetches the catalog images this kiosk lacks, with progress by megabytes
 * and files (a bar on a terminal, plain lines otherwise). SIGINT/SIGTERM stop it between batches;
 * what was stored stays, and the next run (or the running kiosk) fetches only the rest.
 */
import { createMediaFetcher, type MediaFetchProgress } from '../../sync/media-fetch';
import { openSyncEngine } from '../../sync/open';
import { openMediaCache } from '../media/open-media';
import { exitCodes, type CliIO } from './io';
import { readMediaConfig } from './media-config';
import { stageProgress } from '../../common/progress-stages';
import { stopOnSignals } from './signals';
import { openKioskStore } from './sync';

const MB = 1024 * 1024;
const grouped = (n: number) => n.toLocaleString('en-US');

export async function syncMediaAction(io: CliIO): Promise<number> {
  const config = readMediaConfig(io);
  if (typeof config === 'number') return config;
  const { db, key, dataDir } = openKioskStore(io);
  const stages = stageProgress(io.progress, 'MB');
  const signals = stopOnSignals();
  try {
    const opened = openSyncEngine(db, key);
    if (!opened.ok) {
      io.err(opened.error.message);
      return exitCodes.failed;
    }
    const { client, credentials, engine } = opened.value;
    engine.stop();
    const onProgress = (p: MediaFetchProgress) =>
      stages.update({
        stage: 'media',
        done: p.bytes / MB,
        total: p.totalBytes / MB,
        alreadyDone: p.before.bytes / MB,
        detail: `${grouped(p.files)}/${grouped(p.totalFiles)} files`,
      });
    const fetcher = createMediaFetcher({ media: openMediaCache(db, dataDir, config), onProgress });
    const report = await fetcher.run(client, credentials.token, { signal: signals.signal });
    client.close();
    stages.end();
    const counts = `fetched ${report.fetched}, refused ${report.refused}, gone ${report.gone}`;
    if (report.interrupted) {
      io.err(`media fetch interrupted (${counts}); run it again to fetch the rest`);
      return exitCodes.interrupted;
    }
    if (report.error) {
      io.err(`media fetch stopped: ${report.error.kind}: ${report.error.message} (${counts})`);
      return exitCodes.failed;
    }
    io.out(`media: ${counts}${report.full ? '; the cache is full' : ''}`);
    return exitCodes.ok;
  } finally {
    signals.release();
    db.close();
  }
}
