/**
 * Nightly brand-wide training inside the cloud process: at `at` (HH:MM, UTC) every day, and once
 * soon after start when no model was ever trained (so kiosks get one the first night already).
 * The timer never keeps the process alive; a failed run is logged and the next night tries again.
 */
import type { Db } from '../db/db';
import { trainAndPublish, type TrainOutcome } from './train';

export interface NightlyLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface NightlyOptions {
  db: Db;
  /** 'HH:MM' in UTC. */
  at: string;
  log: NightlyLog;
  now?: () => Date;
  train?: (db: Db, now: Date) => Promise<TrainOutcome>;
}

/** The next instant at HH:MM UTC strictly after `from`; null when `at` is not HH:MM. */
export function nextRun(at: string, from: Date): Date | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!match) return null;
  const next = new Date(from);
  next.setUTCHours(Number(match[1]), Number(match[2]), 0, 0);
  if (next.getTime() <= from.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export function startNightlyTraining(opts: NightlyOptions): {
  stop(): void;
  running(): Promise<void>;
} {
  const now = opts.now ?? (() => new Date());
  const train = opts.train ?? trainAndPublish;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  const run = async (why: string) => {
    try {
      const result = await train(opts.db, now());
      if (result.ok)
        opts.log.info(
          { why, version: result.value.version, events: result.value.events, ms: result.value.ms },
          'recommendation model trained and published',
        );
      else opts.log.info({ why, code: result.error.code }, 'recommendation training skipped');
    } catch (err) {
      opts.log.error({ err, why }, 'recommendation training failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    const next = nextRun(opts.at, now());
    if (!next) {
      opts.log.error({ at: opts.at }, 'nightly training time is not HH:MM; not scheduled');
      return;
    }
    timer = setTimeout(() => {
      current = run('nightly').then(schedule);
    }, next.getTime() - now().getTime());
    timer.unref();
  };
  current = opts.db
    .query<{ n: number }>('SELECT count(*)::int AS n FROM recommend_models')
    .then(async ({ rows }) => {
      if ((rows[0]?.n ?? 0) === 0 && !stopped) await run('first model');
    })
    .catch((err: unknown) => opts.log.error({ err }, 'recommendation training failed'))
    .finally(schedule);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    running: () => current,
  };
}
