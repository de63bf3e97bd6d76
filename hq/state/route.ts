/**
 * The address of a page: `#/<view>?from=…&to=…&stores=…`. Views and filters live in the URL so a
 * page can be bookmarked, shared and reloaded; what the server allows is decided by the server.
 */
import {
  addDays,
  filtersQuery,
  HQ_VIEWS,
  HqFiltersQuerySchema,
  type HqFilters,
  type HqView,
} from '../../cloud/hq-api';

export interface Route {
  view: HqView;
  /** null when the address has no valid date range (the app then picks the default). */
  filters: HqFilters | null;
}

const isView = (v: string): v is HqView => (HQ_VIEWS as readonly string[]).includes(v);

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = isView(path) ? path : 'overview';
  const parsed = HqFiltersQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
  return { view, filters: parsed.success ? parsed.data : null };
}

export function routeHash(view: HqView, filters: HqFilters): string {
  return `#/${view}?${filtersQuery(filters)}`;
}

/** The 28 days ending with the last day that has data (or today): what a morning look wants. */
export function defaultFilters(lastDataDay: string | null, today: string): HqFilters {
  const to = lastDataDay ?? today;
  return { from: addDays(to, -27), to, stores: [], cities: [], channels: [] };
}
