/**
 * One order for everything a transaction leaves for COMMIT, whichever marker fires first.
 *
 * Deferred triggers fire in the order their markers were queued: migration 240's (try-on and
 * sales counters), 300's (stock) and 310's (the sales themselves). So a push whose try-ons or a
 * reservation came first folded the brand-wide rows (`hq_tryon_brand_day`, `hq_style_stock_all`)
 * and only then locked its sales' members and repeat-buyer rows, while a push whose sale came first
 * took them the other way round: two stores' pushes deadlocked at COMMIT
 * (cloud/test/hq-commit-lock-order.review.test.ts). Now the first of the two fold markers to fire
 * does it all, in one order: the pending sales (members, their months, garments), then the try-on
 * and sales counters, then stock; the markers after it find their row gone and do nothing. 310's
 * sale marker only processes sales, which come first anyway.
 *
 * A marker that fired before COMMIT (SET CONSTRAINTS ALL IMMEDIATE fires every deferred trigger
 * queued so far) left its transaction-local "marked" flag on, so later sales, try-ons and stock
 * moves queued no marker and were never processed or folded
 * (cloud/test/hq-immediate-constraints.review.test.ts). The folds now clear the flags.
 */
export const sql = `
CREATE FUNCTION hq_fold_at_commit(me xid8) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_process_pending_sales();
  -- the flags are set with the first delta (and go with a savepoint rolled back, like it)
  IF current_setting('hq.delta_marked', true) = 'on' THEN
    PERFORM hq_flush_tryon_month_deltas();
    PERFORM hq_flush_tryon_deltas();
    PERFORM hq_flush_tries_deltas(NULL);
    PERFORM hq_flush_sales_deltas();
  END IF;
  IF current_setting('hq.stock_marked', true) = 'on' THEN PERFORM hq_flush_stock_deltas(); END IF;
  DELETE FROM hq_delta_marker WHERE tx = me;
  DELETE FROM hq_stock_marker WHERE tx = me;
  -- fired before COMMIT (SET CONSTRAINTS … IMMEDIATE): what comes after writes a new marker
  PERFORM set_config('hq.delta_marked', 'off', true), set_config('hq.stock_marked', 'off', true);
END $$;

-- an earlier marker of the transaction folded everything and removed this one's row
CREATE OR REPLACE FUNCTION hq_on_delta_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM hq_delta_marker WHERE tx = NEW.tx) THEN PERFORM hq_fold_at_commit(NEW.tx); END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION hq_on_stock_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM hq_stock_marker WHERE tx = NEW.tx) THEN PERFORM hq_fold_at_commit(NEW.tx); END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION hq_on_sale_marker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hq_process_pending_sales();
  DELETE FROM hq_sale_marker WHERE tx = NEW.tx;
  PERFORM set_config('hq.sale_marked', 'off', true);
  RETURN NULL;
END $$;
`;
