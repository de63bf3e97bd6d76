/** `kiosk lookup <code>`: what the kiosk would show for a GTIN or SKU, as JSON. */
import { parseArgs } from 'node:util';
import { createCatalog } from '../../core/catalog/lookup';
import { readOnly } from '../../core/store/db';
import { withStoreDb } from './command-store';
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
  return withStoreDb(values.store, io, (db, storeId) => {
    const catalog = createCatalog(readOnly(db), storeId);
    let missing = 0;
    for (const code of positionals) {
      const item = catalog.lookup(code);
      if (!item) missing++;
      io.out(JSON.stringify(item ? { code, found: true, item } : { code, found: false }));
    }
    return missing === 0 ? exitCodes.ok : exitCodes.failed;
  });
};
