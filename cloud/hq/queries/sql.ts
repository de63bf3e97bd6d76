/** Small helpers the HQ queries share: numbered parameters and the scope's WHERE clauses. */
import type { SqlParam } from '../../db/db';
import { pgArray, type Scope } from '../scope';

/** Collects parameters; `add` returns the placeholder to put in the SQL. */
export class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  list(values: readonly string[]): string {
    return `${this.add(pgArray(values))}::text[]`;
  }
}

/** Narrows to `column = $n` (`cast` after the placeholder) when the request sets the filter. */
export function equalTo(
  where: string[],
  p: Params,
  column: string,
  value: string | undefined,
  cast = '',
): void {
  if (value) where.push(`${column} = ${p.add(value)}${cast}`);
}

/** A sum that comes back as a JS number from both drivers (float8 is exact far past any total). */
export const total = (expr: string) => `coalesce(sum(${expr}), 0)::float8`;

export function dayRange(p: Params, scope: Scope, column = 'day'): string {
  return `${column} BETWEEN ${p.add(scope.from)}::date AND ${p.add(scope.to)}::date`;
}

/** A timestamp column within the range's days (brand time): lets an index on it serve the range. */
export function instantRange(p: Params, scope: Scope, column: string): string {
  return `${column} >= (${p.add(scope.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND ${column} < (${p.add(scope.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
}

/** `column` is one of the scope's locations (stores and ONLINE); true when every location counts. */
export function inLocations(p: Params, scope: Scope, column: string): string {
  return scope.locations ? `${column} = ANY(${p.list(scope.locations)})` : 'true';
}

/** `column` is one of the scope's physical stores; true when every store counts. */
export function inStores(p: Params, scope: Scope, column: string): string {
  return scope.stores ? `${column} = ANY(${p.list(scope.stores)})` : 'true';
}

/** Category / season / style of a products row aliased `alias`. */
export function productFilter(p: Params, scope: Scope, alias = 'p'): string {
  const parts: string[] = [];
  if (scope.category) parts.push(`${alias}.category = ${p.add(scope.category)}`);
  if (scope.season) parts.push(`${alias}.season = ${p.add(scope.season)}`);
  if (scope.style) parts.push(`${alias}.style_id = ${p.add(scope.style)}`);
  return parts.length > 0 ? parts.join(' AND ') : 'true';
}

export const hasProductFilter = (scope: Scope) =>
  scope.category !== null || scope.season !== null || scope.style !== null;
