/**
 * Bounds every number, date and string of the protocol shares with the cloud's database, so a
 * value the schema accepts is a value PostgreSQL stores: integers within `int4`, instants within
 * sane years (PostgreSQL refuses ISO year 0000), strings of bounded length without U+0000 or lone
 * surrogates (which `text` and `jsonb` cannot hold) and JSON values of bounded size. A value out of bounds fails
 * its schema: `invalid-args` for a mutation (parked on the kiosk), `bad-request` for a request.
 */
import { z } from 'zod';

export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
/** Years an instant may fall in: a kiosk whose clock fell back to 1970 still syncs. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
/** The most points one mutation may earn or redeem (balances are int4: room for many). */
export const MAX_POINTS = 10_000_000;
/** The most one amount may be, in cents (¥10,000,000). */
export const MAX_CENTS = 1_000_000_000;
/** Largest JSON value (as JSON text) a preference may hold. */
export const MAX_JSON_CHARS = 4096;

/**
 * Text PostgreSQL can store: no U+0000, and no lone surrogate (JSON.stringify escapes one as
 * `\udxxx`, which `jsonb` refuses). Pairs of surrogates (emoji and the like) are fine.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused
const STORABLE = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const STORABLE_MESSAGE = 'must be well-formed Unicode without U+0000';

/** A string of `min`..`max` characters PostgreSQL can store (see STORABLE). */
export function text(min: number, max: number) {
  return z.string().min(min).max(max).regex(STORABLE, STORABLE_MESSAGE);
}

/** Every string and key of a JSON value is storable. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return STORABLE.test(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).every(([k, v]) => STORABLE.test(k) && storable(v));
  return true;
}

/** An integer within `min`..`max` (both inside int4). */
export function int(min: number, max: number) {
  return z.number().int().min(Math.max(min, INT4_MIN)).max(Math.min(max, INT4_MAX));
}

/** An amount in cents, either sign (a line may be negative, e.g. a price override). */
export const CentsSchema = int(-MAX_CENTS, MAX_CENTS);

/** An ISO 8601 instant with its offset, in MIN_YEAR..MAX_YEAR. */
export const InstantSchema = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}, `must fall in the years ${MIN_YEAR}..${MAX_YEAR}`);

/** A calendar month and day, 'MM-DD' (birthdays keep no year). */
export const MonthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be MM-DD');

/** Any JSON value of at most MAX_JSON_CHARS characters as JSON, every string storable. */
export const BoundedJsonSchema = z
  .json()
  .refine(
    (value) => JSON.stringify(value).length <= MAX_JSON_CHARS && storable(value),
    `must be JSON of at most ${MAX_JSON_CHARS} characters, ${STORABLE_MESSAGE}`,
  );
