/**
 * The HQ API's shared vocabulary: roles and what each may open, channels, dates, error bodies.
 * Imported by the cloud (to serve) and by the console (to call); zod only, no server code.
 */
import { z } from 'zod';

export const HQ_ROLES = ['analyst', 'store-manager', 'marketing'] as const;
export type HqRole = (typeof HQ_ROLES)[number];
export const HqRoleSchema = z
  .enum(HQ_ROLES)
  .describe('analyst: every store; store-manager: one store; marketing: brand-wide customer views');

export const HQ_VIEWS = [
  'overview',
  'fitting-room',
  'reasons',
  'stock',
  'members',
  'fleet',
] as const;
export type HqView = (typeof HQ_VIEWS)[number];

/** Which views each role may open (the server enforces it; the console hides the rest). */
export const VIEWS_BY_ROLE: Record<HqRole, readonly HqView[]> = {
  analyst: HQ_VIEWS,
  'store-manager': HQ_VIEWS,
  marketing: ['overview', 'members'],
};

export const HQ_CHANNELS = ['store', 'online', 'miniapp'] as const;
export type HqChannel = (typeof HQ_CHANNELS)[number];
export const HqChannelSchema = z
  .enum(HQ_CHANNELS)
  .describe(
    'store: a kiosk in a store; online: the online store; miniapp: the WeChat mini-program',
  );

/** The location of the online channels' sales and stock. */
export const ONLINE_LOCATION = 'ONLINE';

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isRealDate, 'not a calendar date')
  .describe('A day in the brand time zone (Asia/Shanghai), YYYY-MM-DD');
export const IsoInstantSchema = z.iso.datetime({ offset: true });

export const StoreIdSchema = z.string().regex(/^[A-Z0-9_-]{1,32}$/);
export const StyleIdSchema = z.string().regex(/^[A-Za-z0-9?_-]{1,40}$/);
export const SkuSchema = z.string().regex(/^[A-Za-z0-9?_.-]{1,60}$/);

export const HQ_ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'csrf',
  'rate-limited',
  'not-found',
  'internal',
] as const;
export type HqErrorCode = (typeof HQ_ERROR_CODES)[number];
export const HqErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(HQ_ERROR_CODES),
      message: z.string(),
    }),
  })
  .meta({ id: 'HqError', description: 'Every HQ API error: a stable code and a message' });
export type HqErrorBody = z.infer<typeof HqErrorBodySchema>;

/** HTTP status of each error code. */
export const HQ_ERROR_STATUS: Record<HqErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  'rate-limited': 429,
  'not-found': 404,
  internal: 500,
};

/** The header a write must carry with the session's CSRF token. */
export const CSRF_HEADER = 'x-hq-csrf';
/** The session cookie (httpOnly, SameSite=Strict, path /hq). */
export const SESSION_COOKIE = 'hq_session';
