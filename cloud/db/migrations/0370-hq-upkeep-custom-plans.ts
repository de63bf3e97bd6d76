/**
 * The HQ upkeep that runs once per statement or per transaction plans its statements for the data
 * in hand (`plan_cache_mode = force_custom_plan`), not once per session. PL/pgSQL caches a plan
 * per statement; after five runs it may keep a generic one for good, and it did while the tables
 * were small: a brand's first minutes, or a queue table that fills and empties every transaction.
 * Those plans scanned the whole table for a statement's rows (`sale_id = ANY (ids)` over all
 * sales and sale lines, a delta queue and its dead rows), and kept scanning as the tables grew:
 * the sales processing took 21 ms a transaction instead of ~4 after 100,000 pushed mutations
 * (issue 15). A custom plan costs a plan per statement per transaction, and sees the table's
 * size as it is. Functions run per row keep their cached plans.
 *
 * And without JIT compilation (`jit = off`): a custom plan of the sale lines' insert is estimated
 * above `jit_above_cost` (it guesses a hundred lines a sale), and compiling it took 11.7 of its
 * 12 ms for 63 sales. Statements this small never repay a compilation.
 */
export const PER_STATEMENT_OR_TRANSACTION = [
  'hq_process_pending_sales()',
  'hq_fold_at_commit(xid8)',
  'hq_flush_sales_deltas()',
  'hq_flush_stock_deltas()',
  'hq_flush_tries_deltas(text)',
  'hq_flush_tryon_deltas()',
  'hq_flush_tryon_month_deltas()',
  'hq_on_tryons()',
  'hq_on_sales()',
  'hq_on_stock()',
];

export const sql = PER_STATEMENT_OR_TRANSACTION.map(
  (fn) =>
    `ALTER FUNCTION ${fn} SET plan_cache_mode = force_custom_plan;\nALTER FUNCTION ${fn} SET jit = off;`,
).join('\n');
