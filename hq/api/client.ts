/**
 * The console's only way to the server: the HQ API's routes by name, each answer checked against
 * the contract's schema. Writes carry the session's CSRF token; an expired session reports
 * `unauthorized` so the app can show the sign-in page again.
 */
import type { z } from 'zod';
import {
  CSRF_HEADER,
  filtersQuery,
  HQ_API_PREFIX,
  HqErrorBodySchema,
  RowsCsvRoute,
  RowsRoute,
  SessionRoutes,
  type HqErrorCode,
  type HqFilters,
  type RowKind,
  type RowsLink,
  type SessionResponse,
} from '../../cloud/hq-api';

/** A view route of the contract (ViewRoutes.overview, …). */
export interface ViewRoute<S extends z.ZodType> {
  path: string;
  response: S;
}
import { fail, ok, type Result } from '../../common/result';

export type ApiError = HqErrorCode | 'offline' | 'bad-answer';
export type ApiResult<T> = Result<T, ApiError>;

export async function call<S extends z.ZodType>(
  schema: S,
  path: string,
  init: RequestInit & { csrf?: string } = {},
): Promise<ApiResult<z.output<S>>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.csrf) headers[CSRF_HEADER] = init.csrf;
  let res: Response;
  try {
    res = await fetch(`${HQ_API_PREFIX}${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch {
    return fail('offline', 'the server cannot be reached');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return fail('bad-answer', `HTTP ${res.status}`);
  }
  if (!res.ok) {
    const e = HqErrorBodySchema.safeParse(body);
    return e.success
      ? fail(e.data.error.code, e.data.error.message)
      : fail('bad-answer', `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  return parsed.success
    ? ok(parsed.data)
    : fail('bad-answer', 'the answer does not match the contract');
}

export const api = {
  login: (username: string, password: string): Promise<ApiResult<SessionResponse>> =>
    call(SessionRoutes.login.response, SessionRoutes.login.path, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    }),
  session: () => call(SessionRoutes.current.response, SessionRoutes.current.path),
  logout: (csrf: string) =>
    call(SessionRoutes.logout.response, SessionRoutes.logout.path, { method: 'DELETE', csrf }),
  meta: () => call(SessionRoutes.meta.response, SessionRoutes.meta.path),
  view: <S extends z.ZodType>(
    route: ViewRoute<S>,
    filters: HqFilters,
    extra: Record<string, string> = {},
  ): Promise<ApiResult<z.output<S>>> =>
    call(route.response, `${route.path}?${filtersQuery(filters, extra)}`),
  rows: (link: RowsLink, filters: HqFilters, offset: number, limit: number, measure?: string) =>
    call(
      RowsRoute.response,
      `${rowsPath(link.kind)}?${filtersQuery(filters, { ...link.params, offset: String(offset), limit: String(limit), measure })}`,
    ),
};

const rowsPath = (kind: RowKind) => RowsRoute.path.replace(':kind', kind);

/** Where the CSV of a number's rows downloads from (same origin: the session cookie goes along). */
export function rowsCsvUrl(link: RowsLink, filters: HqFilters): string {
  return `${HQ_API_PREFIX}${RowsCsvRoute.path.replace(':kind', link.kind)}?${filtersQuery(filters, link.params)}`;
}
