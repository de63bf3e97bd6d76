/** The nightly training timer: when it fires, and the first model soon after start. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';
import { nextRun, startNightlyTraining } from '../recommend/scheduler';
import type { TrainOutcome } from '../recommend/train';

describe('nextRun', () => {
  it('is the next HH:MM UTC strictly after now, and null for a bad time', () => {
    const from = new Date('2026-10-01T18:59:00Z');
    expect(nextRun('19:00', from)?.toISOString()).toBe('2026-10-01T19:00:00.000Z');
    expect(nextRun('19:00', new Date('2026-10-01T19:00:00Z'))?.toISOString()).toBe(
      '2026-10-02T19:00:00.000Z',
    );
    expect(nextRun('03:30', new Date('2026-12-31T23:00:00Z'))?.toISOString()).toBe(
      '2027-01-01T03:30:00.000Z',
    );
    expect(nextRun('25:00', from)).toBeNull();
    expect(nextRun('7pm', from)).toBeNull();
  });
});

describe('startNightlyTraining', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createPgliteDb();
    await migrate(db);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.close();
  });

  const log = { info: vi.fn(), error: vi.fn() };
  const skipped: TrainOutcome = { ok: false, error: { code: 'no-events', message: 'none' } };

  it('trains once at start when no model exists, then every night at the hour', async () => {
    let clock = Date.parse('2026-10-01T12:00:00Z');
    const train = vi.fn(async () => skipped);
    const nightly = startNightlyTraining({
      db,
      at: '19:00',
      log,
      now: () => new Date(clock),
      train,
    });
    await nightly.running();
    expect(train).toHaveBeenCalledTimes(1);
    clock = Date.parse('2026-10-01T19:00:00Z');
    await vi.advanceTimersByTimeAsync(7 * 3600_000);
    await nightly.running();
    expect(train).toHaveBeenCalledTimes(2);
    nightly.stop();
    await vi.advanceTimersByTimeAsync(48 * 3600_000);
    expect(train).toHaveBeenCalledTimes(2);
  });

  it('does not train at start when a model exists, and logs a failure without stopping', async () => {
    await db.query(
      `INSERT INTO recommend_models VALUES ('m1', now(), now(), 1, 1, 1, '{}'::jsonb, '[]'::jsonb)`,
    );
    const train = vi.fn(async (): Promise<TrainOutcome> => {
      throw new Error('disk full');
    });
    const nightly = startNightlyTraining({
      db,
      at: '19:00',
      log,
      now: () => new Date('2026-10-01T18:00:00Z'),
      train,
    });
    await nightly.running();
    expect(train).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3600_000);
    await nightly.running();
    expect(train).toHaveBeenCalledTimes(1);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ why: 'nightly' }),
      'recommendation training failed',
    );
    nightly.stop();
  });
});
