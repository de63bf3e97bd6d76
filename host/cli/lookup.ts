/** `kiosk lookup <code>`: what the kiosk would show for a GTIN or SKU, as JSON. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCatalog } from '../../core/catalog/lookup';
import { openDatabase, readOnly } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { ConfigError, defaultDataDir, readConfigFile } from '../config';
import { exitCodes, type Command } from './io';

export const lookupCommand: Command = async (argv, io) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { store: { type: 'string' } },
  });
  if (positionals.length === 0) {
    io.err('usage: kiosk lookup [--store S001] <gtin-or-sku>...');
    return exitCodes.usage;
  }
  let storeId = values.store;
  try {
    storeId ??= io.env.KIOSK_CONFIG ? readConfigFile(io.env.KIOSK_CONFIG).storeId : 'S001';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
  const db = openDatabase(join(io.env.KIOSK_DATA_DIR || defaultDataDir(io.env), 'kiosk.db'));
  try {
    migrate(db);
    const catalog = createCatalog(readOnly(db), storeId);
    let missing = 0;
    for (const code of positionals) {
      const item = catalog.lookup(code);
      if (!item) missing++;
      io.out(JSON.stringify(item ? { code, found: true, item } : { code, found: false }));
    }
    return missing === 0 ? exitCodes.ok : exitCodes.failed;
  } finally {
    db.close();
  }
};
