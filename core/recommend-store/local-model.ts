/**
 * A standalone kiosk (no synced model) trains the cloud's very code on its own history: after
 * `kiosk import` and at start, when the history changed since the last local training. A model the
 * cloud sent is never replaced by a local one.
 */
import { trainModel, type TrainOptions } from '../recommend';
import type { WritableDB } from '../store/db';
import { activeModel, saveLocalModel } from './model-tables';
import { loadCatalog, loadEvents, loadMembers, trainingRows } from './training-data';

export type LocalTraining =
  | { trained: false; reason: 'cloud-model' | 'up-to-date' | 'no-history' }
  | { trained: true; version: string; events: number; members: number; ms: number };

/** Trains on this kiosk's history now and makes the result the active model. */
export function trainLocalModel(
  db: WritableDB,
  now: Date,
  options: Partial<TrainOptions> = {},
): LocalTraining {
  const started = Date.now();
  const rows = trainingRows(db);
  const events = loadEvents(db);
  if (events.length === 0) return { trained: false, reason: 'no-history' };
  const model = trainModel(events, loadCatalog(db), loadMembers(db), { ...options, now });
  saveLocalModel(db, model, rows, now);
  return {
    trained: true,
    version: model.meta.version,
    events: events.length,
    members: model.members.length,
    ms: Date.now() - started,
  };
}

/** Trains only when there is no cloud model and the history changed since the last training. */
export function ensureLocalModel(db: WritableDB, now: Date = new Date()): LocalTraining {
  const active = activeModel(db);
  if (active?.source === 'cloud') return { trained: false, reason: 'cloud-model' };
  if (active && active.sourceRows === trainingRows(db))
    return { trained: false, reason: 'up-to-date' };
  return trainLocalModel(db, now);
}
