import { helpersSql } from './0150-hq-upkeep/helpers';
import { tryOnUpkeepSql } from './0150-hq-upkeep/tryons';
import { saleUpkeepSql } from './0150-hq-upkeep/sales';
import { memberUpkeepSql } from './0150-hq-upkeep/members';
import { storeServiceUpkeepSql } from './0150-hq-upkeep/store-service';
import { stockUpkeepSql } from './0150-hq-upkeep/stock';
import { upkeepTriggersSql } from './0150-hq-upkeep/triggers';

/**
 * Rollup upkeep: triggers on the event tables the push handlers write (tryons, sales, members,
 * nps, staff_requests, stock) keep the facts and rollups of migration 140 current in the same
 * transaction as the mutation, so a rejected mutation (rolled back to its savepoint) or a
 * duplicate (ON CONFLICT DO NOTHING inserts no row, so no trigger fires) changes nothing.
 *
 * Rules (the set-based recompute in cloud/hq/rollups/recompute.ts states the same ones):
 * - a garment is (session, SKU); its day is the day of its first event; liked/rejected/size swap
 *   are "any event said so"; its reason is the latest one given (ties by reason text);
 * - it is bought in the visit when an event says `bought`; otherwise by the earliest (sold_at,
 *   sale id) sale line of the same member and style within [first event, first event + 7 days],
 *   in any channel;
 * - a member's work is serialized by a transaction advisory lock on the member key, so a try-on
 *   and a sale of one member pushed at once by two kiosks always find each other.
 *
 * A transaction that loads events in bulk sets `hq.bulk = on` (SET LOCAL) and runs the recompute
 * instead; every trigger returns at once then. Events older than this migration are rolled up once
 * by the recompute at the next start (a row in `hq_backfill` asks for it).
 *
 * The text is composed from one module per fact family (0150-hq-upkeep/), in the order it was
 * first applied; cloud/test/migration-0150.test.ts holds it to the exact text deployed databases ran.
 */
export const sql = [
  helpersSql,
  tryOnUpkeepSql,
  saleUpkeepSql,
  memberUpkeepSql,
  storeServiceUpkeepSql,
  stockUpkeepSql,
  upkeepTriggersSql,
].join('');
