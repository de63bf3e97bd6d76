/** `kiosk import <dir>`: imports a store folder into the kiosk database, all or nothing. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogFiles } from '../../core/import/catalog-files';
import { ImportError, importStoreFolder } from '../../core/import/importer';
import { openDatabase } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { defaultDataDir } from '../config';
import { exitCodes, type Command } from './io';

export const importCommand: Command = async (argv, io) => {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const dir = positionals[0];
  if (!dir) {
    io.err('usage: kiosk import <store-folder>');
    return exitCodes.usage;
  }
  const dataDir = io.env.KIOSK_DATA_DIR || defaultDataDir(io.env);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  try {
    migrate(db);
    const reports = importStoreFolder(db, dir, catalogFiles);
    for (const report of reports)
      io.out(`${report.file}: ${report.rows} rows, ${report.changed} changed`);
    const changed = reports.reduce((sum, report) => sum + report.changed, 0);
    io.out(changed === 0 ? 'nothing changed' : `imported: ${changed} rows changed`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.err(error.message);
    return exitCodes.failed;
  } finally {
    db.close();
  }
};
