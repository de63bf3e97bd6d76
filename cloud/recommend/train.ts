/**
 * Brand-wide training: loads every store's and channel's events, trains core/recommend's model
 * (the same code a standalone kiosk runs), and publishes it as the `model` stream with its record
 * in `recommend_models`. Several cloud instances share one database: one of them publishes, the
 * others skip (`busy`).
 */
import { trainModel, type ModelMeta, type TrainOptions } from '../../core/recommend';
import type { Db } from '../db/db';
import { publishModel, type StoreCopy } from './model-stream';
import { loadTrainingData } from './training-data';

const TRAIN_LOCK = 727_014;

export interface TrainingReport {
  version: string;
  meta: ModelMeta;
  events: number;
  members: number;
  ms: number;
  stores: StoreCopy[];
}

export type TrainOutcome =
  | { ok: true; value: TrainingReport }
  | { ok: false; error: { code: 'busy' | 'no-events'; message: string } };

/**
 * Trains on everything the cloud has and publishes the model. Loading and training run outside
 * any transaction (a long one would hold back every pull); the publish is one short transaction
 * under an advisory lock, and is skipped when another instance published a model meanwhile.
 */
export async function trainAndPublish(
  db: Db,
  now: Date,
  onProgress?: TrainOptions['onProgress'],
): Promise<TrainOutcome> {
  const started = Date.now();
  const data = await loadTrainingData(db);
  if (data.table.length === 0)
    return {
      ok: false,
      error: { code: 'no-events', message: 'no sales or try-ons to learn from' },
    };
  const model = trainModel(data.table, data.catalog, data.members, { now, onProgress });
  const homes = new Map(data.members.map((m) => [m.memberId, m.homeStore]));
  return db.transaction(async (tx): Promise<TrainOutcome> => {
    const { rows: lock } = await tx.query<{ got: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS got',
      [TRAIN_LOCK],
    );
    const { rows: newer } = await tx.query(
      'SELECT 1 FROM recommend_models WHERE trained_at >= $1 LIMIT 1',
      [now.toISOString()],
    );
    if (!lock[0]?.got || newer.length > 0)
      return { ok: false, error: { code: 'busy', message: 'another instance trained meanwhile' } };
    const stores = await publishModel(tx, model, homes);
    const ms = Date.now() - started;
    await tx.query(
      `INSERT INTO recommend_models (version, trained_at, data_until, events, members, ms, meta, stores)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) ON CONFLICT (version) DO NOTHING`,
      [
        model.meta.version,
        model.meta.trainedAt,
        model.meta.dataUntil,
        model.meta.events,
        model.members.length,
        ms,
        JSON.stringify(model.meta),
        JSON.stringify(stores),
      ],
    );
    return {
      ok: true,
      value: {
        version: model.meta.version,
        meta: model.meta,
        events: model.meta.events,
        members: model.members.length,
        ms,
        stores,
      },
    };
  });
}
