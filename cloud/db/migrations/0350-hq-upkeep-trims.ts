/**
 * Five trims of the HQ upkeep on the push path (issue 12: upkeep ≤ 20 % of push throughput),
 * found by profiling a push of try-ons and sales (pg_stat_statements with nested statements):
 *
 * 1. The check that an erased member's try-on arrives anonymous ran a PL/pgSQL call for every
 *    try-on; two in three name no member. The trigger's WHEN now skips those without a call.
 * 2. "Tried since last sold" deltas were folded twice a transaction (before the sales, then
 *    again at COMMIT, when there are none left): a flag, set with the deltas, now says whether
 *    there are any, and the fold clears it, as the sales deltas' flag does (migration 250).
 * 3. The sales cube's delta looked each line's product up twice (category, then season); once.
 * 4. The stock fold grouped the transaction's deltas twice, with a variant look-up per row each
 *    time; it groups them by store and style once, and both rollups read that.
 * 5. Any change to `members` processed the transaction's pending sales first (migration 310), so
 *    a push whose sales each earn points (a sale, then its points, then the next sale…) processed
 *    its sales one at a time, 2.3 ms each, instead of together at COMMIT: a third of a drain's
 *    database time. Only what the processing reads of a member matters (that it exists, is not
 *    erased, its home store and join date): points, tier and consent no longer trigger it.
 *
 * The results are the same (cloud/test/migration-0350.test.ts compares 340 and 350 on the same
 * statements; cloud/hq/rollups/upkeep.property.test.ts checks the triggers against the recompute).
 */
import { sql as perStatement } from './0290-hq-upkeep-per-statement';
import { sql as salesAtCommit } from './0310-hq-sales-at-commit';
import { functionIn as frozenFunction, rewrite as rewriteFrozen } from './frozen-functions';

const BY = 'migration 350';
const functionIn = (migration: string, name: string) => frozenFunction(migration, name, BY);
const rewrite = (fn: string, from: string, to: string) => rewriteFrozen(fn, from, to, BY);

/** 290's fold of "tried since last sold", skipped when the transaction has no deltas. */
function triesFold(): string {
  const fn = functionIn(perStatement, 'hq_flush_tries_deltas');
  const guarded = rewrite(
    fn,
    'BEGIN\n',
    "BEGIN\n  IF current_setting('hq.tries_deltas', true) IS DISTINCT FROM 'on' THEN RETURN; END IF;\n",
  );
  // all folded (a store's fold leaves other stores' deltas: the flag stays on for them)
  return rewrite(
    guarded,
    '\nEND $$;',
    "\n  IF loc IS NULL THEN PERFORM set_config('hq.tries_deltas', 'off', true); END IF;\nEND $$;",
  );
}

/** 310's sales processing, with the cube's product looked up once per line. */
export function salesProcessing(): string {
  return rewrite(
    functionIn(salesAtCommit, 'hq_process_pending_sales'),
    `CROSS JOIN LATERAL (SELECT coalesce((SELECT category FROM products WHERE style_id = l.style_id), '?') AS category,
    coalesce((SELECT season FROM products WHERE style_id = l.style_id), '?') AS season) p`,
    `CROSS JOIN LATERAL (SELECT coalesce(max(x.category), '?') AS category, coalesce(max(x.season), '?') AS season
    FROM products x WHERE x.style_id = l.style_id) p`,
  );
}

export const sql = `
${salesProcessing()}

DROP TRIGGER hq_members_sales_first ON members;
CREATE TRIGGER hq_members_sales_first BEFORE INSERT OR DELETE OR UPDATE OF member_id, erased, home_store, joined_on
  ON members FOR EACH STATEMENT
  WHEN (current_setting('hq.sales_pending', true) = 'on') EXECUTE FUNCTION hq_on_members_change();

DROP TRIGGER hq_before_tryon ON tryons;
CREATE TRIGGER hq_before_tryon BEFORE INSERT ON tryons FOR EACH ROW
  WHEN (NEW.body->>'memberId' IS NOT NULL) EXECUTE FUNCTION hq_before_tryon();

${triesFold()}

CREATE OR REPLACE FUNCTION hq_flush_stock_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  me xid8 := pg_current_xact_id();
  locs text[];
  styles text[];
  moves bigint[];
BEGIN
  SELECT array_agg(location_id ORDER BY location_id, style_id), array_agg(style_id ORDER BY location_id, style_id),
    array_agg(m.d ORDER BY location_id, style_id) INTO locs, styles, moves
  FROM (SELECT location_id, coalesce((SELECT v.style_id FROM variants v WHERE v.sku = x.sku), '?') AS style_id,
          sum(x.d) AS d
        FROM hq_stock_delta x WHERE x.tx = me GROUP BY 1, 2) m;
  DELETE FROM hq_stock_delta WHERE tx = me;
  IF locs IS NULL THEN RETURN; END IF;
  -- the store's rows, then the brand-wide ones (the order every fold takes them in)
  INSERT INTO hq_style_store AS t (location_id, style_id, on_hand)
  SELECT * FROM unnest(locs, styles, moves)
  ON CONFLICT (location_id, style_id) DO UPDATE SET on_hand = t.on_hand + EXCLUDED.on_hand;
  INSERT INTO hq_style_stock_all AS t (style_id, online, on_hand)
  SELECT m.style_id, m.location_id = 'ONLINE', sum(m.d) FROM unnest(locs, styles, moves) AS m(location_id, style_id, d) GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (style_id, online) DO UPDATE SET on_hand = t.on_hand + EXCLUDED.on_hand;
END $$;
`;
