/**
 * A store's push transactions take turns in this process before they take a connection
 * (issue 15, the reconnect storm).
 *
 * A push transaction's first statement waits for its store's advisory lock (push-batch.ts): one
 * store's batches queue in the database. But each of them waits holding one of the pool's
 * connections, so after an outage a store with many kiosks filled the whole pool with pushes
 * waiting for one another, and every other store's pushes (and any other request needing a
 * connection) waited behind them for a connection, though nothing locked them out. Here a store's
 * transactions wait their turn in the process instead, without a connection: each instance holds
 * at most one connection per store for pushes, and stores that do not share a lock run side by
 * side. The advisory lock stays: it is what orders a store's pushes across instances.
 */
import type { Db } from '../db/db';

type Turns = Map<string, Promise<void>>;

const turnsOf = new WeakMap<Db, Turns>();

/** Runs `fn` when the transactions of `storeId` queued before it in this process are done. */
export async function inStoreTurn<T>(db: Db, storeId: string, fn: () => Promise<T>): Promise<T> {
  const turns = turnsOf.get(db) ?? new Map<string, Promise<void>>();
  turnsOf.set(db, turns);
  const before = turns.get(storeId) ?? Promise.resolve();
  let done = () => {};
  const mine = new Promise<void>((resolve) => (done = resolve));
  const last = before.then(() => mine);
  turns.set(storeId, last);
  await before;
  try {
    return await fn();
  } finally {
    done();
    // the last in line leaves no entry behind
    if (turns.get(storeId) === last) turns.delete(storeId);
  }
}
