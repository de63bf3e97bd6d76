/**
 * What the cloud's request log may say. Fastify's default serializers log the whole URL (query
 * string included) and every property of an error; a database error's message and detail quote the
 * values that failed (a card number, a phone hash). These serializers keep a log line to the route
 * pattern, the status and an error's kind, so no credential or personal value reaches a log.
 */

interface LoggedRequest {
  method?: string;
  url?: string;
  id?: unknown;
  routeOptions?: { url?: string };
}

/** PostgreSQL errors (pg and PGlite) carry a five-character SQLSTATE and a severity. */
function isDatabaseError(err: Record<string, unknown>): boolean {
  return typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && 'severity' in err;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const logSerializers = {
  /** Method and route pattern (`/v1/pull/:stream`): never the query string or a header. */
  req(req: LoggedRequest) {
    return { method: req.method, route: req.routeOptions?.url ?? '(no route)', id: req.id };
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
  /** An error's kind; a database error without its message, detail or stack (they quote values). */
  err(err: unknown) {
    if (!(err instanceof Error)) return { type: typeof err };
    const fields: Record<string, unknown> = { ...err };
    const base = { type: err.constructor.name, code: str(fields.code) };
    if (isDatabaseError(fields))
      return { ...base, constraint: str(fields.constraint), routine: str(fields.routine) };
    return { ...base, message: err.message, stack: err.stack };
  },
};
