/**
 * A kiosk's training stopped after it chose its weights (the checkpoint commits the moment they
 * are chosen, as a kill would find it) goes on from the fit, on the same data only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDemoDb, type TestDb } from '../../test/support/db';
import type { TrainProgress } from '../recommend';
import { trainLocalModel } from './local-model';
import { activeModel } from './model-tables';
import { loadEvents, trainingRows } from './training-data';
import { readTrainingCheckpoint, trainingDataKey } from './training-checkpoint';

let db: TestDb;
const now = new Date('2026-10-01T00:00:00Z');

beforeEach(() => {
  db = openDemoDb();
});
afterEach(() => db.close());

class Killed extends Error {}

const dataKey = () => {
  const events = loadEvents(db);
  return trainingDataKey(trainingRows(db), events.length, events.latest());
};

function trainUntilPicks(): void {
  expect(() =>
    trainLocalModel(db, now, {
      onProgress: (p) => {
        if (p.phase === 'picks') throw new Killed();
      },
    }),
  ).toThrow(Killed);
}

describe('training with a checkpoint', () => {
  it(
    'resumes after the weights: the second run skips choosing them and ends with the same model',
    { timeout: 90_000 },
    () => {
      trainUntilPicks();
      expect(activeModel(db)).toBeNull();
      const checkpoint = readTrainingCheckpoint(db, dataKey(), now);
      expect(checkpoint?.validation?.members).toBeGreaterThanOrEqual(30);

      const phases: TrainProgress[] = [];
      const resumed = trainLocalModel(db, now, { onProgress: (p) => phases.push(p) });
      expect(resumed).toMatchObject({ trained: true, resumed: true });
      expect(phases.some((p) => p.phase === 'weights')).toBe(false);
      expect(phases[0]).toMatchObject({ phase: 'fit', unit: 'events', done: 0 });
      expect(phases.at(-1)).toMatchObject({ phase: 'items', unit: 'styles' });
      expect(phases.find((p) => p.phase === 'picks' && p.done === p.total)?.unit).toBe('members');
      const model = activeModel(db);
      expect(model?.meta.weights).toEqual(checkpoint?.weights);
      expect(model?.meta.validation).toEqual(checkpoint?.validation);
      // the model is saved: the checkpoint is gone
      expect(readTrainingCheckpoint(db, dataKey(), now)).toBeNull();

      // the same weights as a training that was never stopped
      const fresh = openDemoDb();
      try {
        expect(trainLocalModel(fresh, now)).toMatchObject({ trained: true, resumed: false });
        expect(activeModel(fresh)?.meta.weights).toEqual(model?.meta.weights);
      } finally {
        fresh.close();
      }
    },
  );

  it(
    'chooses the weights again when the data changed or the checkpoint is a day old',
    { timeout: 90_000 },
    () => {
      trainUntilPicks();
      const before = dataKey();
      expect(readTrainingCheckpoint(db, before, now)).not.toBeNull();
      expect(readTrainingCheckpoint(db, before, new Date(now.getTime() + 86_400_000))).toBeNull();
      db.exec(`INSERT INTO history_tryons (session_id, line_no, member_id, store_id, ts, sku, outcome)
      SELECT 'NEW', 1, member_id, store_id, ts, sku, outcome FROM history_tryons LIMIT 1`);
      expect(dataKey()).not.toBe(before);
      const phases: string[] = [];
      const again = trainLocalModel(db, now, { onProgress: (p) => phases.push(p.phase) });
      expect(again).toMatchObject({ trained: true, resumed: false });
      expect(phases[0]).toBe('weights');
    },
  );
});
