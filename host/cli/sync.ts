/**
 * `kiosk sync status|now|rotate|media`: the sync engine's state, one run now, a token rotation,
 * or the catalog images fetched (sync-media.ts), for this kiosk's data dir (KIOSK_DATA_DIR).
 * `status` reads only local state and never needs the network.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileKeyStore, type DataKey } from '../../core/crypto';
import { openDatabase, type WritableDB } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { createCloudClient } from '../../sync/cloud-client';
import { loadCredentials, rotateToken } from '../../sync/credentials';
import { createHttpClient } from '../../sync/http-client';
import { openSyncEngine } from '../../sync/open';
import type { BulkProgress } from '../../sync/pull';
import { queueFacts, storedOutcome } from '../../sync/status';
import { defaultDataDir } from '../config';
import { exitCodes, type CliIO, type Command } from './io';
import { stageProgress } from '../../common/progress-stages';

const usage =
  'usage: kiosk sync status [--json] | kiosk sync now | kiosk sync rotate | kiosk sync media';

/** The kiosk database (migrated) and its data key, for the sync commands. */
export function openKioskStore(io: CliIO): { db: WritableDB; key: DataKey; dataDir: string } {
  const dataDir = io.env.KIOSK_DATA_DIR || defaultDataDir(io.env);
  const key = fileKeyStore(dataDir).loadOrCreate();
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  migrate(db);
  return { db, key, dataDir };
}

const age = (ms: number | null) =>
  ms === null
    ? '-'
    : ms < 120_000
      ? `${Math.round(ms / 1000)} s`
      : `${Math.round(ms / 60_000)} min`;

/** A first sync's big pages as a progress bar (or plain lines) on stderr, one per stream. */
function showBulkProgress(io: CliIO): ((p: BulkProgress) => void) | undefined {
  if (!io.progress) return undefined;
  const stages = stageProgress(io.progress, 'rows');
  return (p) =>
    stages.update({
      stage: `first sync: ${p.stream}`,
      done: p.done,
      total: p.total,
      alreadyDone: p.resumedFrom,
      finished: p.finished,
    });
}

export const syncCommand: Command = async (argv, io) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const [action, ...extra] = positionals;
  if (!action || extra.length > 0 || !['status', 'now', 'rotate', 'media'].includes(action)) {
    io.err(usage);
    return exitCodes.usage;
  }
  if (action === 'media') return (await import('./sync-media')).syncMediaAction(io);
  const { db, key } = openKioskStore(io);
  try {
    const creds = loadCredentials(db, key);
    if (!creds.ok) {
      io.err(creds.error.message);
      return exitCodes.failed;
    }
    if (action === 'status') {
      const status = {
        enrolled: creds.value !== null,
        cloud: creds.value?.url ?? null,
        deviceId: creds.value?.deviceId ?? null,
        storeId: creds.value?.storeId ?? null,
        ...queueFacts(db, Date.now()),
        ...storedOutcome(db),
      };
      if (values.json) io.out(JSON.stringify(status));
      else {
        io.out(
          status.enrolled
            ? `enrolled as ${status.deviceId} (store ${status.storeId}) with ${status.cloud}`
            : 'not enrolled',
        );
        io.out(
          `queue: ${status.queueDepth} pending, oldest ${age(status.oldestPendingAgeMs)}, ${status.parked} parked`,
        );
        io.out(`staff tasks from sync: ${status.openStaffTasks} open`);
        io.out(`last success: ${status.lastSuccessAt ?? 'never'}`);
        if (status.lastError)
          io.out(
            `last error: ${status.lastError.kind}: ${status.lastError.message} (${status.lastError.at})`,
          );
      }
      return exitCodes.ok;
    }
    if (!creds.value) {
      io.err('not enrolled: run kiosk enroll <url> <code> first');
      return exitCodes.failed;
    }
    if (action === 'rotate') {
      const http = createHttpClient({
        baseUrl: creds.value.url,
        caFile: creds.value.caFile ?? undefined,
      });
      if (!http.ok) {
        io.err(http.error.message);
        return exitCodes.failed;
      }
      const rotated = await rotateToken(db, key, createCloudClient(http.value));
      http.value.close();
      if (!rotated.ok) {
        io.err(`rotation failed: ${rotated.error.kind}: ${rotated.error.message}`);
        return exitCodes.failed;
      }
      io.out(`token rotated at ${rotated.value.rotatedAt ?? ''}`);
      return exitCodes.ok;
    }
    const opened = openSyncEngine(db, key, { onBulkProgress: showBulkProgress(io) });
    if (!opened.ok) {
      io.err(opened.error.message);
      return exitCodes.failed;
    }
    const report = await opened.value.engine.syncNow();
    opened.value.engine.stop();
    opened.value.client.close();
    const s = opened.value.engine.status();
    if (report.ok)
      io.out(
        `synced: pushed ${report.pushed}, pulled ${report.pulledRows} rows; queue ${s.queueDepth}, parked ${s.parked}`,
      );
    else
      io.err(
        `sync failed: ${report.error?.kind ?? 'error'}: ${report.error?.message ?? ''} (pushed ${report.pushed}; queue ${s.queueDepth})`,
      );
    return report.ok ? exitCodes.ok : exitCodes.failed;
  } finally {
    db.close();
  }
};
