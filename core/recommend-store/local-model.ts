/**
 * A standalone kiosk (no synced model) trains the cloud's very code on its own history: after
 * `kiosk import` and at start, when the history changed since the last local training or that
 * training is a day old. A model the cloud sent is never replaced by a local one.
 */
import { trainModel, type TrainOptions } from '../recommend';
import type { WritableDB } from '../store/db';
import { activeModel, saveLocalModel } from './model-tables';
import {
  dropTrainingCheckpoint,
  readTrainingCheckpoint,
  saveTrainingCheckpoint,
  trainingDataKey,
} from './training-checkpoint';
import { loadCatalog, loadEvents, loadMembers, trainingRows } from './training-data';

export type LocalTraining =
  | { trained: false; reason: 'cloud-model' | 'up-to-date' | 'no-history' }
  | {
      trained: true;
      version: string;
      events: number;
      members: number;
      ms: number;
      /** The weights came from the checkpoint of an interrupted training on the same data. */
      resumed: boolean;
    };

/**
 * Trains on this kiosk's history now and makes the result the active model. The chosen weights
 * are kept as a checkpoint (training-checkpoint.ts) until the model is saved, so a training
 * killed after its first phase goes on from the fit the next time.
 */
export function trainLocalModel(
  db: WritableDB,
  now: Date,
  options: Partial<TrainOptions> = {},
): LocalTraining {
  const started = Date.now();
  const rows = trainingRows(db);
  const events = loadEvents(db);
  if (events.length === 0) return { trained: false, reason: 'no-history' };
  const data = trainingDataKey(rows, events.length, events.latest());
  const chosen = options.weights ? null : readTrainingCheckpoint(db, data, now);
  const model = trainModel(events, loadCatalog(db), loadMembers(db), {
    ...options,
    now,
    ...(chosen ? { chosen } : {}),
    onChosen: (c) => saveTrainingCheckpoint(db, data, c, now),
  });
  db.transaction(() => {
    saveLocalModel(db, model, rows, now);
    dropTrainingCheckpoint(db);
  });
  return {
    trained: true,
    version: model.meta.version,
    events: events.length,
    members: model.members.length,
    ms: Date.now() - started,
    resumed: chosen !== null,
  };
}

/** A local model older than this is trained again (it takes in this kiosk's own visits). */
const MAX_AGE_MS = 86_400_000;

/**
 * Trains only when there is no cloud model and either the imported history or the consents
 * changed since the last training, or that training is a day old.
 */
export function ensureLocalModel(
  db: WritableDB,
  now: Date = new Date(),
  options: Pick<TrainOptions, 'onProgress'> = {},
): LocalTraining {
  const active = activeModel(db);
  if (active?.source === 'cloud') return { trained: false, reason: 'cloud-model' };
  const age = active ? now.getTime() - Date.parse(active.activatedAt) : Number.POSITIVE_INFINITY;
  if (active && active.sourceRows === trainingRows(db) && age >= 0 && age < MAX_AGE_MS)
    return { trained: false, reason: 'up-to-date' };
  return trainLocalModel(db, now, options);
}
