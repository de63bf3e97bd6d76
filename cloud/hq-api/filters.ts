/**
 * The filters every view takes: a date range, stores / cities, channels, one category, one season
 * and one style. Lists travel comma-separated in the query string (`stores=S001,S002`); an empty
 * list means "all the caller may see". A store manager's scope is applied by the server, whatever
 * the list says. Category and season are single values so every count stays exact (an order with
 * a dress and a coat is one order under "all", one under "dress", one under "coat").
 */
import { z } from 'zod';
import {
  HQ_CHANNELS,
  HqChannelSchema,
  IsoDateSchema,
  StoreIdSchema,
  StyleIdSchema,
  type HqChannel,
  type HqView,
} from './common';

/** The longest range one request may cover. */
export const MAX_RANGE_DAYS = 400;

const Code = z.string().regex(/^[A-Za-z0-9 _-]{1,40}$/);
const list = <T extends z.ZodType<string, string>>(item: T, what: string) =>
  z
    .string()
    .max(4000)
    .optional()
    .transform((s) => (s ? s.split(',').filter((x) => x.length > 0) : []))
    .pipe(z.array(item).max(500))
    .describe(`${what}, comma-separated; empty or absent = all`);

/** The filter fields; views add their own fields and then `withRange`. */
export const HqFiltersShape = z.object({
  from: IsoDateSchema.describe('First day, inclusive'),
  to: IsoDateSchema.describe('Last day, inclusive'),
  stores: list(StoreIdSchema, 'Store ids'),
  cities: list(Code, 'Cities'),
  channels: list(HqChannelSchema, 'Channels (store, online, miniapp)'),
  category: Code.optional().describe('One product category'),
  season: Code.optional().describe('One season'),
  style: StyleIdSchema.optional().describe('One style, for its breakdown'),
});

/** Checks the date range of any schema built on HqFiltersShape. */
export function withRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((f) => f.from <= f.to, { message: 'from is after to', path: ['to'] })
    .refine((f) => daysBetween(f.from, f.to) < MAX_RANGE_DAYS, {
      message: `at most ${MAX_RANGE_DAYS} days`,
      path: ['to'],
    });
}

export const HqFiltersQuerySchema = withRange(HqFiltersShape);
export type HqFilters = z.output<typeof HqFiltersShape>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Filters as the console holds them, turned into the query string the server parses. */
export function filtersQuery(f: HqFilters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  const lists: [string, readonly string[]][] = [
    ['stores', f.stores],
    ['cities', f.cities],
    ['channels', f.channels],
  ];
  for (const [key, values] of lists) if (values.length > 0) q.set(key, values.join(','));
  if (f.category) q.set('category', f.category);
  if (f.season) q.set('season', f.season);
  if (f.style) q.set('style', f.style);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) q.set(key, value);
  return q.toString();
}

/** The filters a response was computed with, after the caller's scope was applied. */
export const AppliedFiltersSchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    locations: z
      .array(z.string())
      .nullable()
      .describe('Locations counted (stores, ONLINE); null = every location'),
    channels: z.array(HqChannelSchema),
    category: z.string().nullable(),
    season: z.string().nullable(),
    style: z.string().nullable(),
    ignored: z
      .array(z.enum(['stores', 'cities', 'channels', 'category', 'season', 'style']))
      .describe('Filters that do not apply to this view'),
  })
  .meta({ id: 'HqAppliedFilters' });
export type AppliedFilters = z.infer<typeof AppliedFiltersSchema>;

export const ALL_CHANNELS: readonly HqChannel[] = HQ_CHANNELS;

/** The filters each view does not apply (the console greys them out and says so). */
export const IGNORED_FILTERS: Record<HqView, AppliedFilters['ignored']> = {
  overview: ['style'],
  'fitting-room': [],
  reasons: ['channels'],
  stock: [],
  members: ['channels', 'category', 'season', 'style'],
  fleet: ['channels', 'category', 'season', 'style'],
};
