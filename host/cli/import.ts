/**
 * `kiosk import <dir>`: imports a store folder into the kiosk database, all or nothing, showing
 * progress by rows (check, rehearse, apply). SIGINT/SIGTERM stop it between chunks; run again on
 * the same folder to continue (core/import/chunked-import.ts). KIOSK_IMPORT_CHUNK_ROWS sets the
 * rows per committed chunk (default 50,000).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDataKey } from '../../core/crypto/key-check';
import { fileKeyStore, KeyStoreError } from '../../core/crypto/key-store';
import { ImportInterrupted, type ImportProgress } from '../../core/import/chunked-import';
import { ImportError } from '../../core/import/importer';
import { importStore } from '../../core/import/store-import';
import { sealLegacyPersonalArgs } from '../../core/outbox/personal-args';
import { sealLegacyStaffNames } from '../../core/staff/staff-names';
import { ensureLocalModel } from '../../core/recommend-store';
import { openDatabase } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { defaultDataDir } from '../config';
import { openMediaCache } from '../media/open-media';
import { exitCodes, type CliIO, type Command } from './io';
import { readMediaConfig } from './media-config';
import { stageProgress } from '../../common/progress-stages';
import { stopOnSignals } from './signals';

const trainPhases = {
  weights: 'choose weights',
  fit: 'fit',
  picks: 'member picks',
  items: 'items',
} as const;
const phaseNames = { check: 'check', rehearse: 'rehearse (rolled back)', apply: 'apply' } as const;

function chunkRows(io: CliIO): number | undefined {
  const value = Number(io.env.KIOSK_IMPORT_CHUNK_ROWS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export const importCommand: Command = async (argv, io) => {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const dir = positionals[0];
  if (!dir) {
    io.err('usage: kiosk import <store-folder>');
    return exitCodes.usage;
  }
  const dataDir = io.env.KIOSK_DATA_DIR || defaultDataDir(io.env);
  // The cache limit and the store (what it sells decides eviction) come from the kiosk config.
  const config = readMediaConfig(io);
  if (typeof config === 'number') return config;
  mkdirSync(dataDir, { recursive: true });
  let key;
  try {
    // The web shell's key file; the Electron shell seals the same key with safeStorage.
    key = fileKeyStore(dataDir).loadOrCreate();
  } catch (error) {
    if (!(error instanceof KeyStoreError)) throw error;
    io.err(error.message);
    return exitCodes.failed;
  }
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  try {
    migrate(db);
    const keyCheck = checkDataKey(db, key);
    if (!keyCheck.ok) {
      io.err(keyCheck.error.message);
      return exitCodes.failed;
    }
    sealLegacyPersonalArgs(db, key);
    sealLegacyStaffNames(db, key);
    const stages = stageProgress(io.progress, 'rows');
    const onProgress = (p: ImportProgress) =>
      stages.update({
        stage: `import: ${phaseNames[p.phase]}`,
        done: p.done,
        total: p.total,
        alreadyDone: p.resumedFrom,
      });
    const signals = stopOnSignals();
    let reports;
    try {
      reports = await importStore(db, dir, {
        key,
        media: openMediaCache(db, dataDir, config),
        chunked: { chunkRows: chunkRows(io), signal: signals.signal, onProgress },
      });
    } finally {
      stages.end();
      signals.release();
    }
    for (const report of reports)
      io.out(
        `${report.file}: ${report.rows} rows, ${report.changed} changed${
          report.encoding === 'utf-8' ? '' : ` (read as ${report.encoding.toUpperCase()})`
        }`,
      );
    const changed = reports.reduce((sum, report) => sum + report.changed, 0);
    io.out(changed === 0 ? 'nothing changed' : `imported: ${changed} rows changed`);
    // A kiosk without a model from the cloud trains one on the history it now has.
    const training = ensureLocalModel(db, new Date(), {
      onProgress: (p) => stages.update({ ...p, stage: `training: ${trainPhases[p.phase]}` }),
    });
    stages.end();
    if (training.trained)
      io.out(
        `recommendation model ${training.version}: ${training.events} events, ${training.members} members (${training.ms} ms${training.resumed ? ', weights from the interrupted training' : ''})`,
      );
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof ImportInterrupted) {
      io.err(error.message);
      return exitCodes.interrupted;
    }
    if (!(error instanceof ImportError)) throw error;
    io.err(error.message);
    return exitCodes.failed;
  } finally {
    db.close();
  }
};
