/**
 * `kiosk recommend --member ID[,ID...] [--limit N] [--store S001] [--lang en|zh-CN]`: the
 * personal picks the kiosk would show each member, from its recommendation model (synced from the
 * cloud, or trained on this kiosk's history when it has none), one JSON line per member:
 * `{"member":"M000001","items":[{"sku":"...","styleId":"...","reason":"..."}]}`. A member without
 * profile consent gets `"items":[]` and `"note":"no-consent"`; an unknown id gets
 * `{"member":"X","error":"unknown-member"}` (and exit code 1).
 */
import { parseArgs } from 'node:util';
import { ensureLocalModel, forYou } from '../../core/recommend-store';
import { readOnly } from '../../core/store/db';
import { withStoreDb } from './command-store';
import { exitCodes, type Command } from './io';

const usage =
  'usage: kiosk recommend --member ID[,ID...] [--limit N] [--store S001] [--lang en|zh-CN]';

export const recommendCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      member: { type: 'string', multiple: true },
      limit: { type: 'string' },
      store: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const members = (values.member ?? [])
    .flatMap((list) => list.split(','))
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  const limit = Number(values.limit ?? 5);
  const lang = values.lang ?? 'en';
  if (
    positionals.length > 0 ||
    members.length === 0 ||
    members.some((id) => id.length > 64) ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > 50 ||
    (lang !== 'en' && lang !== 'zh-CN' && lang !== 'zh')
  ) {
    io.err(usage);
    return exitCodes.usage;
  }
  return withStoreDb(values.store, io, (db, storeId) => {
    ensureLocalModel(db);
    const read = readOnly(db);
    let unknown = 0;
    for (const member of members) {
      const result = forYou(read, { memberId: member, storeId, limit });
      if (!result.ok) {
        unknown++;
        io.out(JSON.stringify({ member, error: result.error.code }));
        continue;
      }
      const { items: picks, note } = result.value;
      const items = picks.map((item) => ({
        sku: item.sku,
        styleId: item.styleId,
        reason: lang === 'en' ? item.reason.en : item.reason.zh,
      }));
      // Only the missing consent is worth a note; without a model yet the list is just empty.
      io.out(JSON.stringify(note === 'no-consent' ? { member, items, note } : { member, items }));
    }
    return unknown === 0 ? exitCodes.ok : exitCodes.failed;
  });
};
