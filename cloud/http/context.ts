import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { authenticate, type DeviceIdentity } from '../auth/enrollment';
import type { Result } from '../result';

/** What every route needs: the database and the clock (injectable for tests). */
export interface AppContext {
  db: Db;
  adminToken: string;
  now: () => Date;
  maxClockSkewMs: number;
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

export function authDevice(ctx: AppContext, req: FastifyRequest): Promise<Result<DeviceIdentity>> {
  return authenticate(ctx.db, bearerToken(req), ctx.now());
}
