/**
 * The ordered list of migrations and the runner (CONVENTIONS 7). Each migration runs in its own
 * transaction together with the `user_version` bump, so a crash leaves the database at a version
 * boundary. A database from a newer app version is refused rather than guessed at.
 */
import type { WritableDB } from '../db';
import { migration0010 } from './0010-catalog';
import { migration0020 } from './0020-reference';
import { migration0030 } from './0030-members';
import { migration0040 } from './0040-staff';
import { migration0050 } from './0050-sessions';
import { migration0060 } from './0060-sales';
import { migration0070 } from './0070-outbox';
import { migration0080 } from './0080-history';
import { migration0090 } from './0090-recommend';
import { migration0100 } from './0100-print-jobs';
import { migration0110 } from './0110-orders';
import { migration0120 } from './0120-nps';
import { migration0130 } from './0130-photo-send';
import { migration0140 } from './0140-sync-tables';
import { migration0150 } from './0150-staff-requests';
import { migration0160 } from './0160-price-overrides';
import { migration0170 } from './0170-member-used-coupons';
import { migration0180 } from './0180-history-tryon-reason';
import { migration0200 } from './0200-presence-tickets';
import { migration0230 } from './0230-outbox-sealed-args';
import { migration0240 } from './0240-staff-name-sealed';
import { migration0250 } from './0250-catalog-media';
import { migration0270 } from './0270-recommend-model';
import { migration0300 } from './0300-health-errors';
import { migration0340 } from './0340-catalog-codes';
import { migration0350 } from './0350-sync-bulk-progress';
import { migration0370 } from './0370-member-offers';
import { migration0380 } from './0380-look-links';
import { migration0400 } from './0400-import-progress';
import { migration0410 } from './0410-points-ledger-retention';
import { migration0420 } from './0420-outbox-unacked-index';
import type { Migration } from './types';

export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
  migration0200,
  migration0230,
  migration0240,
  migration0250,
  migration0270,
  migration0300,
  migration0340,
  migration0350,
  migration0370,
  migration0380,
  migration0400,
  migration0410,
  migration0420,
];

export class DatabaseFromFutureError extends Error {
  readonly code = 'database-from-future';
  constructor(found: number, known: number) {
    super(`database is at version ${found}, newer than this app knows (${known}); update the app`);
  }
}

export function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const previous = list[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new Error(`migration ${migration.version} is not after ${previous.version}`);
    }
  });
}

export function currentVersion(db: WritableDB): number {
  return Number(db.raw.pragma('user_version', { simple: true }));
}

/** Migrates up to `target` (default: latest). Returns the versions applied. */
export function migrate(
  db: WritableDB,
  target?: number,
  list: readonly Migration[] = migrations,
): number[] {
  assertOrdered(list);
  const latest = list.at(-1)?.version ?? 0;
  const goal = target ?? latest;
  const found = currentVersion(db);
  if (found > latest) throw new DatabaseFromFutureError(found, latest);
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version <= found || migration.version > goal) continue;
    db.transaction(() => {
      migration.up(db);
      db.raw.pragma(`user_version = ${migration.version}`);
    });
    applied.push(migration.version);
  }
  return applied;
}
