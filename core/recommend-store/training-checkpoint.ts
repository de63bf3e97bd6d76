/**
 * The checkpoint of a kiosk's model training: the weights its first phase chose (about half of
 * the work), kept in `settings` as soon as they are chosen, so a training that is killed in a
 * later phase starts its next run at the fit. It is used only for the same data (row counts,
 * events and the latest event) and within a day, and dropped when the model is saved.
 */
import { z } from 'zod';
import type { ChosenWeights } from '../recommend';
import { ModelMetaSchema } from '../recommend/model/schemas';
import type { WritableDB } from '../store/db';

const KEY = 'recommend.trainingCheckpoint';
const MAX_AGE_MS = 86_400_000;

const CheckpointSchema = z.object({
  data: z.string(),
  savedAt: z.string(),
  weights: ModelMetaSchema.shape.weights,
  validation: ModelMetaSchema.shape.validation,
});

/** What identifies the training data: changed data means the weights are chosen again. */
export function trainingDataKey(rows: number, events: number, latest: number): string {
  return `${rows}:${events}:${latest}`;
}

export function readTrainingCheckpoint(
  db: WritableDB,
  data: string,
  now: Date,
): ChosenWeights | null {
  const row = db
    .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    .get(KEY);
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return null;
  }
  const parsed = CheckpointSchema.safeParse(json);
  if (!parsed.success || parsed.data.data !== data) return null;
  const age = now.getTime() - Date.parse(parsed.data.savedAt);
  if (!(age >= 0 && age < MAX_AGE_MS)) return null;
  return { weights: parsed.data.weights, validation: parsed.data.validation };
}

export function saveTrainingCheckpoint(
  db: WritableDB,
  data: string,
  chosen: ChosenWeights,
  now: Date,
): void {
  const value = JSON.stringify({ data, savedAt: now.toISOString(), ...chosen });
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, value);
}

export function dropTrainingCheckpoint(db: WritableDB): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
}
