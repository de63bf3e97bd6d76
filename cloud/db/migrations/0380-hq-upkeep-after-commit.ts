/**
 * The HQ upkeep leaves the push's transaction: a push queues what it wrote, and a fold applies the
 * queue right after, in its own transaction (issue 12: upkeep ≤ 20 % of push throughput).
 *
 * Migrations 240–370 made the upkeep set-based and once per transaction, yet it still ran ~30
 * statements inside every push: the garment facts and visits when the try-ons went in, then at
 * COMMIT the sales (lines, cube, hours, styles, members' months, 7-day purchases) and the folds of
 * every counter. ~34 ms of a 57 ms push of 200 try-ons and sales (push-upkeep bench): 56 % of the
 * push's throughput, and the push, not the analytics, is what the kiosks wait on.
 *
 * Now the push's triggers only note what changed, in the same transaction as the events (so a
 * rollback or a savepoint drops the note with the event, and exactly-once holds as before):
 * - a try-on's id in `hq_tryon_queue`,
 * - a sale's id in `hq_sale_pending` (migration 310's table),
 * - a stock move in `hq_stock_delta` (migration 300's table).
 * These are logged tables now: a note outlives a crash until it is folded.
 *
 * `hq_fold_pending(lim)` takes up to `lim` noted try-ons and `lim` sales, and applies them
 * with the functions that ran in the push before: the try-on statement trigger's body (now
 * `hq_apply_tryons`, reading the try-ons by id), the sales processing, the counter folds at its
 * COMMIT, the stock fold. One fold runs at a time (a transaction-scoped advisory lock), so the
 * fold takes no member locks: it cannot deadlock with another fold, and a push never waits for it
 * except when it changes a member (below). The cloud folds continuously in the background
 * (cloud/hq/rollups/fold.ts) and before each HQ API read, so the console shows every mutation
 * committed before the request.
 *
 * What a pending sale reads of its member (exists, not erased, home store, join date) is folded
 * before the member changes: a statement trigger on those columns of `members` folds everything
 * committed (and the transaction's own notes) first, waiting for a running fold. So an erased
 * member's try-ons and sales are folded as the member's, then erased from the analytics by
 * migration 330's trigger, as before.
 *
 * The rollups are the ones the in-push upkeep gave (cloud/test/migration-0380.test.ts compares 370
 * and 380; cloud/hq/rollups/upkeep.property.test.ts checks them against the recompute).
 */
import { salesProcessing } from './0350-hq-upkeep-trims';
import { tryonUpkeep } from './0360-hq-visits-by-key';
import { PER_STATEMENT_OR_TRANSACTION } from './0370-hq-upkeep-custom-plans';
import { sql as stockDeltas } from './0300-hq-stock-deltas';
import { functionIn, rewrite as rewriteFrozen } from './frozen-functions';

const BY = 'migration 380';
const rewrite = (fn: string, from: string, to: string) => rewriteFrozen(fn, from, to, BY);
const rewriteAll = (fn: string, from: string, to: string) => {
  if (!fn.includes(from)) throw new Error(`${BY}: "${from.slice(0, 40)}…" not found`);
  return fn.split(from).join(to);
};

/** 360's try-on statement trigger as a function of the try-ons' ids, without the member locks. */
function applyTryons(): string {
  let fn = rewrite(
    tryonUpkeep,
    'CREATE OR REPLACE FUNCTION hq_on_tryons() RETURNS trigger LANGUAGE plpgsql AS $$',
    'CREATE FUNCTION hq_apply_tryons(ids text[]) RETURNS void LANGUAGE plpgsql AS $$',
  );
  fn = rewrite(fn, '  IF hq_bulk() THEN RETURN NULL; END IF;\n', '');
  fn = rewrite(
    fn,
    `  PERFORM hq_member_lock(k) FROM (SELECT DISTINCT body->>'memberId' AS k FROM added
    WHERE body->>'memberId' IS NOT NULL AND body->>'sessionId' IS NOT NULL AND body->>'sku' IS NOT NULL ORDER BY 1) x;
`,
    '',
  );
  fn = rewrite(
    fn,
    "FROM added r WHERE r.body->>'sessionId'",
    "FROM tryons r WHERE r.tryon_id = ANY (ids) AND r.body->>'sessionId'",
  );
  return rewriteAll(fn, 'RETURN NULL;', 'RETURN;');
}

/** 350's sales processing of the noted sales (the fold's limit, else 4,000), without the member locks. */
function processNotedSales(): string {
  let fn = rewrite(
    salesProcessing(),
    '  SELECT array_agg(sale_id ORDER BY sale_id) INTO ids FROM hq_sale_pending WHERE tx = me;',
    `  WITH taken AS (DELETE FROM hq_sale_pending
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM hq_sale_pending
      LIMIT coalesce(nullif(current_setting('hq.fold_limit', true), '')::int, 4000))) RETURNING sale_id)
  SELECT array_agg(DISTINCT sale_id ORDER BY sale_id) INTO ids FROM taken;`,
  );
  fn = rewrite(fn, '  DELETE FROM hq_sale_pending WHERE tx = me;\n', '');
  return rewrite(
    fn,
    `  PERFORM hq_member_lock(m) FROM (SELECT DISTINCT s.member_id AS m FROM sales s
    WHERE s.sale_id = ANY (ids) AND s.member_id IS NOT NULL ORDER BY 1) x;
`,
    '',
  );
}

/** 300's stock statement trigger, noting the moves without a COMMIT marker. */
function noteStockMoves(): string {
  return rewrite(
    functionIn(stockDeltas, 'hq_on_stock', BY),
    `  IF FOUND AND current_setting('hq.stock_marked', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('hq.stock_marked', 'on', true);
    INSERT INTO hq_stock_marker VALUES (pg_current_xact_id());
  END IF;
`,
    '',
  );
}

const FOLDS = [...PER_STATEMENT_OR_TRANSACTION, 'hq_apply_tryons(text[])', 'hq_fold_pending(int)'];

export const sql = `
ALTER TABLE hq_sale_pending SET LOGGED;
ALTER TABLE hq_stock_delta SET LOGGED;
CREATE TABLE hq_tryon_queue (tryon_id text NOT NULL);

${applyTryons()}

${processNotedSales()}

-- the push's side: note the statement's try-ons, sales and stock moves
CREATE OR REPLACE FUNCTION hq_on_tryons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  INSERT INTO hq_tryon_queue (tryon_id)
  SELECT tryon_id FROM added WHERE body->>'sessionId' IS NOT NULL AND body->>'sku' IS NOT NULL;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION hq_on_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  INSERT INTO hq_sale_pending (sale_id) SELECT sale_id FROM added;
  RETURN NULL;
END $$;
${noteStockMoves()}

-- every noted stock move, folded: the store's rows, then the brand-wide ones
CREATE OR REPLACE FUNCTION hq_flush_stock_deltas() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  locs text[];
  styles text[];
  moves bigint[];
BEGIN
  WITH taken AS (DELETE FROM hq_stock_delta RETURNING location_id, sku, d)
  SELECT array_agg(location_id ORDER BY location_id, style_id), array_agg(style_id ORDER BY location_id, style_id),
    array_agg(m.d ORDER BY location_id, style_id) INTO locs, styles, moves
  FROM (SELECT location_id, coalesce((SELECT v.style_id FROM variants v WHERE v.sku = x.sku), '?') AS style_id,
          sum(x.d) AS d
        FROM taken x GROUP BY 1, 2) m;
  IF locs IS NULL THEN RETURN; END IF;
  INSERT INTO hq_style_store AS t (location_id, style_id, on_hand)
  SELECT * FROM unnest(locs, styles, moves)
  ON CONFLICT (location_id, style_id) DO UPDATE SET on_hand = t.on_hand + EXCLUDED.on_hand;
  INSERT INTO hq_style_stock_all AS t (style_id, online, on_hand)
  SELECT m.style_id, m.location_id = 'ONLINE', sum(m.d) FROM unnest(locs, styles, moves) AS m(location_id, style_id, d)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (style_id, online) DO UPDATE SET on_hand = t.on_hand + EXCLUDED.on_hand;
END $$;

-- Folds up to lim noted try-ons, lim sales and every stock move; the caller holds the fold lock.
-- True when notes are left.
CREATE FUNCTION hq_fold_pending(lim int) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  PERFORM set_config('hq.fold_limit', lim::text, true);
  WITH taken AS (DELETE FROM hq_tryon_queue
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM hq_tryon_queue LIMIT lim)) RETURNING tryon_id)
  SELECT array_agg(DISTINCT tryon_id ORDER BY tryon_id) INTO ids FROM taken;
  IF ids IS NOT NULL THEN PERFORM hq_apply_tryons(ids); END IF;
  PERFORM hq_fold_at_commit(pg_current_xact_id());
  PERFORM hq_flush_stock_deltas();
  RETURN EXISTS (SELECT 1 FROM hq_tryon_queue) OR EXISTS (SELECT 1 FROM hq_sale_pending)
    OR EXISTS (SELECT 1 FROM hq_stock_delta);
END $$;

-- One fold step unless another fold runs: -1 (another runs), 0 (all folded), 1 (notes left).
CREATE FUNCTION hq_fold_try(lim int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('hq-fold')) THEN RETURN -1; END IF;
  RETURN hq_fold_pending(lim)::int;
END $$;

-- Everything noted so far, folded, after a running fold.
CREATE FUNCTION hq_fold_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('hq-fold'));
  WHILE hq_fold_pending(5000) LOOP NULL; END LOOP;
END $$;

-- What a noted sale or try-on reads of its member is folded before the member changes.
CREATE OR REPLACE FUNCTION hq_on_members_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_fold_all();
  RETURN NULL;
END $$;
DROP TRIGGER hq_members_sales_first ON members;
CREATE TRIGGER hq_members_fold_first BEFORE DELETE OR UPDATE OF member_id, erased, home_store, joined_on
  ON members FOR EACH STATEMENT EXECUTE FUNCTION hq_on_members_change();

${FOLDS.map((fn) => `ALTER FUNCTION ${fn} SET plan_cache_mode = force_custom_plan;\nALTER FUNCTION ${fn} SET jit = off;`).join('\n')}
`;
