/**
 * How long a kiosk keeps what it no longer needs. Everything a purge deletes is either anonymous
 * and old, or already in the cloud (its outbox row acknowledged) and older than its window, so a
 * kiosk that runs for months keeps a database of bounded size and loses nothing the brand has not
 * got. Windows are in days (hours for unsent photos); fractions are allowed.
 */
import { z } from 'zod';
import { fail, formatZodError, ok, type Result } from '../../common/result';

export interface KioskRetention {
  /** Anonymous sessions with their try-ons. */
  anonymousSessionDays: number;
  /** Photos the shopper took but never asked to send. */
  unsentPhotoHours: number;
  /**
   * Synced sales (lines, payments, overrides), members' visits with their try-ons, the points
   * ledger, NPS answers and orders: a year of RFM and "recent purchases" for staff, with margin.
   */
  syncedHistoryDays: number;
  /** Acknowledged outbox rows (the cloud has them; kept a while for support and used coupons). */
  ackedOutboxDays: number;
  /** Printed or failed receipt jobs, and look links of visits that ended (the phone page is the cloud's). */
  finishedJobDays: number;
  /** The staff audit trail. */
  auditDays: number;
  /** How often the purge runs. */
  everyMs: number;
}

export const DEFAULT_RETENTION: Readonly<KioskRetention> = {
  anonymousSessionDays: 30,
  unsentPhotoHours: 24,
  syncedHistoryDays: 400,
  ackedOutboxDays: 30,
  finishedJobDays: 7,
  auditDays: 730,
  everyMs: 60 * 60 * 1000,
};

/** The shortest purge interval, whatever the scale: a purge is a transaction on the till's file. */
const MIN_EVERY_MS = 10_000;

/** Every window and the interval shrunk by `scale` (soak tests compress months into minutes). */
export function scaledRetention(scale: number, base = DEFAULT_RETENTION): KioskRetention {
  return {
    anonymousSessionDays: base.anonymousSessionDays * scale,
    unsentPhotoHours: base.unsentPhotoHours * scale,
    syncedHistoryDays: base.syncedHistoryDays * scale,
    ackedOutboxDays: base.ackedOutboxDays * scale,
    finishedJobDays: base.finishedJobDays * scale,
    auditDays: base.auditDays * scale,
    everyMs: Math.max(MIN_EVERY_MS, Math.round(base.everyMs * scale)),
  };
}

const scaleSchema = z.coerce.number().positive().max(1);

/**
 * The retention this process runs with: the defaults, or scaled by `KIOSK_RETENTION_SCALE`
 * (0 < scale ≤ 1; for soak tests only, so it cannot keep data longer than the defaults).
 */
export function retentionFromEnv(
  env: Record<string, string | undefined>,
): Result<KioskRetention, 'bad-retention-scale'> {
  const raw = env.KIOSK_RETENTION_SCALE;
  if (raw === undefined || raw === '') return ok({ ...DEFAULT_RETENTION });
  const scale = scaleSchema.safeParse(raw);
  if (!scale.success)
    return fail('bad-retention-scale', `KIOSK_RETENTION_SCALE: ${formatZodError(scale.error)}`);
  return ok(scaledRetention(scale.data));
}
