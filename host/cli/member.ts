/**
 * `kiosk member show <id>`: tier, points and — with consent — RFM segment and preferences.
 * `kiosk member erase <id>`: removes a member's personal data from this kiosk and queues the
 * erasure for the cloud (one transaction). Prints what was erased, never the data itself.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eraseMember } from '../../core/members/erase';
import { deviceIdentity } from '../../core/outbox/device';
import { initial, serialize, tick } from '../../core/rules/hlc';
import { openDatabase } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { defaultDataDir } from '../config';
import { exitCodes, type Command } from './io';
import { memberSummary } from './member-show';
import { checkDataKey } from '../../core/crypto/key-check';
import { fileKeyStore } from '../../core/crypto/key-store';

const usage = 'usage: kiosk member show <member-id> | kiosk member erase <member-id>';

export const memberCommand: Command = async (argv, io) => {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const [action, memberId, ...extra] = positionals;
  if ((action !== 'erase' && action !== 'show') || !memberId || extra.length > 0) {
    io.err(usage);
    return exitCodes.usage;
  }
  const dataDir = io.env.KIOSK_DATA_DIR || defaultDataDir(io.env);
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  try {
    migrate(db);
    if (action === 'show') {
      const key = fileKeyStore(dataDir).loadOrCreate();
      const check = checkDataKey(db, key);
      if (!check.ok) {
        io.err(check.error.message);
        return exitCodes.failed;
      }
      const summary = memberSummary(db, key, memberId, new Date());
      if (!summary) {
        io.err(`no member ${memberId} on this kiosk`);
        return exitCodes.failed;
      }
      io.out(JSON.stringify(summary));
      return exitCodes.ok;
    }
    const now = new Date();
    const { deviceId } = db.transaction(() => deviceIdentity(db));
    const hlc = serialize(tick(initial(deviceId), now.getTime()));
    const result = eraseMember(db, memberId, now, { hlc, actor: 'cli' });
    if (!result.ok) {
      io.err(result.error.message);
      return exitCodes.failed;
    }
    const r = result.value;
    io.out(`erased member ${r.memberId} at ${r.erasedAt}`);
    io.out('  name, phone, birthday, card, QR token, phone last-4, gender: removed');
    io.out(`  preferences deleted: ${r.preferences}`);
    io.out(`  photos deleted: ${r.photos}`);
    io.out(`  sessions unlinked: ${r.sessionsUnlinked}`);
    io.out(`  personal outbox arguments deleted: ${r.outboxPersonal}`);
    io.out(`  sales anonymised: ${r.salesAnonymised}`);
    io.out(`  history rows unlinked: ${r.historyUnlinked}`);
    io.out(`  cloud erasure queued: outbox seq ${r.outbox.seq} (${r.outbox.idempotencyKey})`);
    return exitCodes.ok;
  } finally {
    db.close();
  }
};
