/**
 * Access scoping, done here and only here: which views a user may open and which locations a
 * request may read. A store manager reads their own store, whatever the URL says; naming another
 * store or another city is refused (`forbidden`), so an edited URL gets nothing of another store.
 * Analysts and marketing read every location (stores and ONLINE) unless they narrow it.
 */
import {
  ONLINE_LOCATION,
  VIEWS_BY_ROLE,
  type AppliedFilters,
  type HqFilters,
  type HqRole,
  type HqView,
  type RowKind,
} from '../hq-api';
import type { Queryable } from '../db/db';
import { fail, ok, type Result } from '../../common/result';

export interface ScopedUser {
  userId: string;
  role: HqRole;
  storeId: string | null;
}

/** The filters a query runs with: `locations` null = every location. */
export interface Scope extends Omit<AppliedFilters, 'ignored'> {
  /** Physical stores in scope (no ONLINE); null = every store. */
  stores: string[] | null;
}

export type ScopeError = 'forbidden';

export function mayOpen(user: ScopedUser, view: HqView): boolean {
  return VIEWS_BY_ROLE[user.role].includes(view);
}

/** The views whose numbers a row kind explains; a user may read it when they may open one. */
export const ROW_KIND_VIEWS: Record<RowKind, readonly HqView[]> = {
  sales: ['overview', 'stock'],
  visits: ['fitting-room'],
  garments: ['fitting-room', 'reasons', 'stock'],
  'size-requests': ['fitting-room', 'stock'],
  stock: ['stock'],
  'rfm-members': ['members'],
  'member-months': ['members'],
  members: ['members', 'overview'],
  nps: ['members'],
  kiosks: ['fleet'],
};

export function mayReadRows(user: ScopedUser, kind: RowKind): boolean {
  return ROW_KIND_VIEWS[kind].some((view) => mayOpen(user, view));
}

export async function resolveScope(
  q: Queryable,
  user: ScopedUser,
  f: HqFilters,
): Promise<Result<Scope, ScopeError>> {
  const base = {
    from: f.from,
    to: f.to,
    channels:
      f.channels.length > 0 ? f.channels : (['store', 'online', 'miniapp'] as const).slice(),
    category: f.category ?? null,
    season: f.season ?? null,
    style: f.style ?? null,
  };
  if (user.role === 'store-manager') {
    const own = user.storeId ?? '';
    if (f.stores.some((s) => s !== own))
      return fail('forbidden', 'a store manager sees their own store only');
    if (f.cities.length > 0) {
      const { rows } = await q.query<{ city: string }>(
        'SELECT city FROM stores WHERE store_id = $1',
        [own],
      );
      const city = rows[0]?.city ?? '';
      if (f.cities.some((c) => c !== city))
        return fail('forbidden', 'a store manager sees their own store only');
    }
    return ok({ ...base, locations: [own], stores: [own] });
  }
  if (f.stores.length === 0 && f.cities.length === 0)
    return ok({ ...base, locations: null, stores: null });
  const { rows } = await q.query<{ store_id: string }>(
    `SELECT store_id FROM stores
     WHERE (cardinality($1::text[]) = 0 OR store_id = ANY($1::text[]))
       AND (cardinality($2::text[]) = 0 OR city = ANY($2::text[]))
     ORDER BY store_id`,
    [pgArray(f.stores), pgArray(f.cities)],
  );
  const stores = rows.map((r) => r.store_id);
  const online = f.stores.includes(ONLINE_LOCATION) && f.cities.length === 0;
  return ok({ ...base, locations: online ? [...stores, ONLINE_LOCATION] : stores, stores });
}

/** A text[] literal for a `$n::text[]` parameter (ids here never hold quotes or commas). */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`;
}

export function applied(scope: Scope, ignored: AppliedFilters['ignored'] = []): AppliedFilters {
  return {
    from: scope.from,
    to: scope.to,
    locations: scope.locations,
    channels: scope.channels,
    category: scope.category,
    season: scope.season,
    style: scope.style,
    ignored,
  };
}
