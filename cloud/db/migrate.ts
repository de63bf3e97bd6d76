import type { Db } from './db';
import { sql as initial } from './migrations/0010-initial';
import { sql as sync } from './migrations/0020-sync';
import { sql as syncHardening } from './migrations/0030-sync-hardening';
import { sql as staffRequests } from './migrations/0040-staff-requests';
import { sql as tryonOutcomes } from './migrations/0050-tryon-outcomes';
import { sql as memberCouponIndex } from './migrations/0060-member-coupon-index';
import { sql as deviceScopedKeys } from './migrations/0070-device-scoped-keys';
import { sql as rateLimitsAndSecrets } from './migrations/0080-rate-limits-and-secrets';
import { sql as memberTokenFormat } from './migrations/0090-member-token-format';
import { sql as catalogMedia } from './migrations/0100-catalog-media';
import { sql as recommend } from './migrations/0120-recommend';
import { sql as hqAccounts } from './migrations/0130-hq-accounts';
import { sql as hqAnalytics } from './migrations/0140-hq-analytics';
import { sql as hqUpkeep } from './migrations/0150-hq-upkeep';
import { sql as hqFleet } from './migrations/0160-hq-fleet';
import { sql as hqDrillDownIndexes } from './migrations/0170-hq-drill-down-indexes';
import { sql as campaigns } from './migrations/0210-campaigns';
import { sql as looks } from './migrations/0220-looks';
import { sql as onlineClients } from './migrations/0230-online-clients';
import { sql as hqCountersPerTransaction } from './migrations/0240-hq-counters-per-transaction';
import { sql as hqSalesCountersPerTransaction } from './migrations/0250-hq-sales-counters-per-transaction';
import { sql as hqUpkeepLookups } from './migrations/0260-hq-upkeep-lookups';
import { sql as hqUpkeepPerStatement } from './migrations/0290-hq-upkeep-per-statement';
import { sql as hqStockDeltas } from './migrations/0300-hq-stock-deltas';
import { sql as hqSalesAtCommit } from './migrations/0310-hq-sales-at-commit';
import { sql as hqTryonMonths } from './migrations/0320-hq-tryon-months';
import { sql as hqDrillDownOrders } from './migrations/0330-hq-drill-down-orders';
import { sql as hqFoldOrder } from './migrations/0340-hq-fold-order';
import { sql as hqUpkeepTrims } from './migrations/0350-hq-upkeep-trims';
import { sql as hqVisitsByKey } from './migrations/0360-hq-visits-by-key';
import { sql as hqUpkeepCustomPlans } from './migrations/0370-hq-upkeep-custom-plans';
import { sql as hqUpkeepAfterCommit } from './migrations/0380-hq-upkeep-after-commit';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered list; versions are numbered in tens and must increase. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 20, name: 'sync', sql: sync },
  { version: 30, name: 'sync-hardening', sql: syncHardening },
  { version: 40, name: 'staff-requests', sql: staffRequests },
  { version: 50, name: 'tryon-outcomes', sql: tryonOutcomes },
  { version: 60, name: 'member-coupon-index', sql: memberCouponIndex },
  { version: 70, name: 'device-scoped-keys', sql: deviceScopedKeys },
  { version: 80, name: 'rate-limits-and-secrets', sql: rateLimitsAndSecrets },
  { version: 90, name: 'member-token-format', sql: memberTokenFormat },
  { version: 100, name: 'catalog-media', sql: catalogMedia },
  { version: 120, name: 'recommend', sql: recommend },
  { version: 130, name: 'hq-accounts', sql: hqAccounts },
  { version: 140, name: 'hq-analytics', sql: hqAnalytics },
  { version: 150, name: 'hq-upkeep', sql: hqUpkeep },
  { version: 160, name: 'hq-fleet', sql: hqFleet },
  { version: 170, name: 'hq-drill-down-indexes', sql: hqDrillDownIndexes },
  { version: 210, name: 'campaigns', sql: campaigns },
  { version: 220, name: 'looks', sql: looks },
  { version: 230, name: 'online-clients', sql: onlineClients },
  { version: 240, name: 'hq-counters-per-transaction', sql: hqCountersPerTransaction },
  { version: 250, name: 'hq-sales-counters-per-transaction', sql: hqSalesCountersPerTransaction },
  { version: 260, name: 'hq-upkeep-lookups', sql: hqUpkeepLookups },
  { version: 290, name: 'hq-upkeep-per-statement', sql: hqUpkeepPerStatement },
  { version: 300, name: 'hq-stock-deltas', sql: hqStockDeltas },
  { version: 310, name: 'hq-sales-at-commit', sql: hqSalesAtCommit },
  { version: 320, name: 'hq-tryon-months', sql: hqTryonMonths },
  { version: 330, name: 'hq-drill-down-orders', sql: hqDrillDownOrders },
  { version: 340, name: 'hq-fold-order', sql: hqFoldOrder },
  { version: 350, name: 'hq-upkeep-trims', sql: hqUpkeepTrims },
  { version: 360, name: 'hq-visits-by-key', sql: hqVisitsByKey },
  { version: 370, name: 'hq-upkeep-custom-plans', sql: hqUpkeepCustomPlans },
  { version: 380, name: 'hq-upkeep-after-commit', sql: hqUpkeepAfterCommit },
];

export class MigrationError extends Error {
  readonly code = 'migration-error';
}

/**
 * Brings the schema up to the newest version. Each migration runs in its own transaction together
 * with its `schema_migrations` row, under an advisory lock so several instances starting at once
 * migrate once. Refuses a database that is newer than this build.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1];
    const cur = migrations[i];
    if (prev && cur && cur.version <= prev.version)
      throw new MigrationError(`migration ${cur.version} out of order`);
  }
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL)',
  );
  const newest = migrations.at(-1)?.version ?? 0;
  let applied = 0;
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(727001)');
      const { rows } = await tx.query<{ v: number | null }>(
        'SELECT max(version)::int AS v FROM schema_migrations',
      );
      const current = rows[0]?.v ?? 0;
      if (current > newest)
        throw new MigrationError(`database schema ${current} is newer than this build (${newest})`);
      if (current >= m.version) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied++;
  }
  return applied;
}
