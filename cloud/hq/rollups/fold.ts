/**
 * The HQ rollups are folded after the push commits, not inside it (cloud migration 380): a push's
 * triggers only note its try-ons, sales and stock moves, and these functions apply the notes.
 *
 * - `startHqFolder` folds in the background on every instance: a step at a time while notes are
 *   left, then every `idleMs`. A step holds a transaction-scoped advisory lock; an instance that
 *   finds another one folding skips its turn, so several instances share one database.
 * - `foldBeforeRead` runs before each HQ API request: when anything is noted, it waits for a
 *   running fold and folds the rest itself, so the console shows every mutation committed before
 *   the request (past a backlog it cannot fold in 2 s, it answers and the background folder goes on).
 * - `foldAll` folds everything noted so far (tests; the recompute does the same in SQL).
 */
import type { Db } from '../../db/db';

/**
 * Try-ons (and sales) a fold step takes. PGlite runs one statement at a time for everything, so
 * its steps stay short, like its push transactions (push/process-push.ts): /health and the pushes
 * wait for no more than a step.
 */
export const FOLD_BATCH = { pg: 5_000, pglite: 100 } as const;

export type FoldStep = 'busy' | 'done' | 'more';

/** One fold step, unless another fold runs. */
export async function foldStep(db: Db): Promise<FoldStep> {
  const { rows } = await db.transaction((tx) =>
    tx.query<{ r: number }>('SELECT hq_fold_try($1) AS r', [FOLD_BATCH[db.kind]]),
  );
  const r = rows[0]?.r ?? 0;
  return r < 0 ? 'busy' : r === 0 ? 'done' : 'more';
}

/** Whether any push left notes not folded yet (or a fold is taking them right now). */
export async function hasNotes(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ noted: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM hq_tryon_queue) OR EXISTS (SELECT 1 FROM hq_sale_pending)
       OR EXISTS (SELECT 1 FROM hq_stock_delta) AS noted`,
  );
  return rows[0]?.noted === true;
}

/** Folds what is noted, a step at a time, for up to `budgetMs` (then the background folder goes on). */
export async function foldBeforeRead(db: Db, budgetMs = 2_000): Promise<void> {
  const until = Date.now() + budgetMs;
  while (await hasNotes(db)) {
    const more = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('hq-fold'))"); // after a running fold
      const { rows } = await tx.query<{ more: boolean }>('SELECT hq_fold_pending($1) AS more', [
        FOLD_BATCH[db.kind],
      ]);
      return rows[0]?.more === true;
    });
    if (!more || Date.now() > until) return;
  }
}

export async function foldAll(db: Db): Promise<void> {
  await db.transaction((tx) => tx.query('SELECT hq_fold_all()'));
}

export interface HqFolder {
  /** Stops folding and waits for a running step. */
  stop(): Promise<void>;
}

export interface HqFolderOptions {
  /** Pause between steps when nothing is left; default 200 ms. */
  idleMs?: number;
  /** A failed step (the database away, a deadlock) is logged, and the next waits this long. */
  retryMs?: number;
  onError?: (err: unknown) => void;
}

export function startHqFolder(db: Db, opts: HqFolderOptions = {}): HqFolder {
  const idleMs = opts.idleMs ?? 200;
  const retryMs = opts.retryMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    // unref: a folder never keeps a process alive on its own (the server's socket does)
    if (!stopped) timer = setTimeout(() => (running = turn()), ms).unref();
  };
  const turn = async () => {
    timer = null;
    try {
      // an idle instance asks one cheap question, not a fold transaction, each turn
      const step = (await hasNotes(db)) ? await foldStep(db) : 'done';
      schedule(step === 'more' ? 0 : idleMs);
    } catch (err) {
      if (stopped) return;
      opts.onError?.(err);
      schedule(retryMs);
    }
  };
  schedule(idleMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
