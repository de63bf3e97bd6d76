import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { authenticate, type DeviceIdentity } from '../auth/enrollment';
import { sendFailure } from './errors';
import type { RateRule } from './rate-limit';

/** Limits the cloud enforces (shared by every instance through the database). */
export interface CloudLimits {
  /** Member look-ups per device: a stolen token cannot walk the sequential card numbers. */
  lookup: readonly RateRule[];
  /** Failed enrollment attempts per client address before further attempts get 429. */
  enrollFailures: RateRule;
  /**
   * Online-API calls without a valid client credential per address: each is audited, so an
   * unlimited flood would grow the audit table without bound; past the limit, 429 and no row.
   */
  onlineAuthFailures: RateRule;
}

export const DEFAULT_LIMITS: CloudLimits = {
  lookup: [
    { name: 'lookup-minute', limit: 20, windowMs: 60_000 },
    { name: 'lookup-hour', limit: 200, windowMs: 3_600_000 },
  ],
  enrollFailures: { name: 'enroll-failures', limit: 10, windowMs: 15 * 60_000 },
  onlineAuthFailures: { name: 'online-auth-failures', limit: 30, windowMs: 15 * 60_000 },
};

/** What every route needs: the database, the clock (injectable for tests), secrets and limits. */
export interface AppContext {
  db: Db;
  adminToken: string;
  now: () => Date;
  maxClockSkewMs: number;
  /** HMAC key of presence tickets (cloud/auth/presence.ts). */
  presenceSecret: Buffer;
  limits: CloudLimits;
  /** A push's transaction ends after this long; default by database (push/process-push.ts). */
  pushTransactionMs?: number;
  /** Apply a push's mutations in groups where they may (default; push/deferred.ts). */
  pushGroups?: boolean;
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

const devices = new WeakMap<FastifyRequest, DeviceIdentity>();

/**
 * `preValidation` hook of the device routes: the bearer token is checked before the body is, so an
 * unauthenticated caller learns nothing from validation errors; the device is kept for `deviceOf`.
 */
export function requireDevice(ctx: AppContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const dev = await authenticate(ctx.db, bearerToken(req), ctx.now());
    if (!dev.ok) return sendFailure(reply, dev.error);
    devices.set(req, dev.value);
  };
}

/** The device `requireDevice` authenticated for this request. */
export function deviceOf(req: FastifyRequest): DeviceIdentity {
  const device = devices.get(req);
  if (!device) throw new Error(`${req.method} ${req.routeOptions.url} has no requireDevice hook`);
  return device;
}
