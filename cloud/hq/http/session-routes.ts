/**
 * Sign-in, the current session and sign-out, plus the guard every other API route runs behind:
 * a live session cookie, and on writes the session's CSRF token in the x-hq-csrf header.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CSRF_HEADER,
  HqErrorBodySchema,
  SESSION_COOKIE,
  SessionRoutes,
  type SessionResponse,
} from '../../hq-api';
import {
  authenticate,
  csrfMatches,
  login,
  logout,
  SESSION_MAX_MS,
  type Session,
} from '../auth/sessions';
import { meta } from '../queries/meta';
import type { HqContext } from './context';
import { hqError } from './errors';

const sessions = new WeakMap<FastifyRequest, Session>();

/** The session the guard found for this request (only behind `requireSession`). */
export function sessionOf(req: FastifyRequest): Session {
  const s = sessions.get(req);
  if (!s) throw new Error('route is not behind requireSession');
  return s;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** preHandler: a live session, and the CSRF token on anything but a read. */
export function requireSession(ctx: HqContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const found = await authenticate(ctx.db, req.cookies[SESSION_COOKIE], ctx.now());
    if (!found.ok) return hqError(reply, 'unauthorized', found.error.message);
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (!csrfMatches(found.value, typeof header === 'string' ? header : undefined))
        return hqError(reply, 'csrf', `missing or wrong ${CSRF_HEADER} header`);
    }
    sessions.set(req, found.value);
  };
}

const answer = (s: Session): SessionResponse => ({
  user: s.user,
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt,
});

export interface LoginLimit {
  max: number;
  timeWindowMs: number;
}

export function registerSessionRoutes(
  app: FastifyInstance,
  ctx: HqContext,
  limit: LoginLimit,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = requireSession(ctx);
  const errors = {
    400: HqErrorBodySchema,
    401: HqErrorBodySchema,
    403: HqErrorBodySchema,
    429: HqErrorBodySchema,
  };
  r.post(
    `/api${SessionRoutes.login.path}`,
    {
      schema: {
        summary: 'Sign in: sets the session cookie, answers the user and the CSRF token',
        tags: ['hq'],
        body: SessionRoutes.login.body,
        response: { 200: SessionRoutes.login.response, ...errors },
      },
      config: {
        rateLimit: {
          max: limit.max,
          timeWindow: limit.timeWindowMs,
          hook: 'preHandler',
          // per address and username: a guesser is slowed without locking others out
          keyGenerator: (req: FastifyRequest) => {
            const body = SessionRoutes.login.body.safeParse(req.body);
            return `${req.ip}|${body.success ? body.data.username : ''}`;
          },
        },
      },
    },
    async (req, reply) => {
      const now = ctx.now();
      const opened = await login(ctx.db, req.body.username, req.body.password, now);
      if (!opened.ok) {
        req.log.info({ mod: 'hq/auth' }, 'console sign-in refused');
        return hqError(reply, 'unauthorized', opened.error.message);
      }
      reply.setCookie(SESSION_COOKIE, opened.value.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        path: '/hq',
        maxAge: SESSION_MAX_MS / 1000,
      });
      return answer(opened.value);
    },
  );
  r.get(
    `/api${SessionRoutes.current.path}`,
    {
      schema: {
        summary: 'The signed-in user and the CSRF token (after a reload)',
        tags: ['hq'],
        security: [{ hqSession: [] }],
        response: { 200: SessionRoutes.current.response, ...errors },
      },
      preHandler: guard,
    },
    async (req) => answer(sessionOf(req)),
  );
  r.delete(
    `/api${SessionRoutes.logout.path}`,
    {
      schema: {
        summary: 'Sign out (needs the x-hq-csrf header)',
        tags: ['hq'],
        security: [{ hqSession: [] }],
        response: { 200: SessionRoutes.logout.response, ...errors },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      await logout(ctx.db, sessionOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/hq' });
      return { ok: true as const };
    },
  );
  r.get(
    `/api${SessionRoutes.meta.path}`,
    {
      schema: {
        summary: 'Stores, cities, categories, seasons, tiers, styles and the data range in scope',
        tags: ['hq'],
        security: [{ hqSession: [] }],
        response: { 200: SessionRoutes.meta.response, ...errors },
      },
      preHandler: guard,
    },
    async (req) => meta(ctx.db, sessionOf(req).user),
  );
}
