/**
 * A range of days read as its whole calendar months (from a month rollup) plus the days of its
 * partial months at either end (from the day rollup with the same columns): a year brand-wide is
 * twelve rows per key instead of 365.
 */
import { addDays } from '../../hq-api';
import { addMonths, monthOf } from '../rollups/rfm-snapshots';
import type { Scope } from '../scope';
import { dayRange, type Params } from './sql';

/** Which rollups a brand-wide try-on read uses: month grains where they fit, or days only. */
export type ReadGrain = 'months' | 'days';

/** The first days of the first and the last whole month inside [from, to], or null. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.endsWith('-01') ? from : addMonths(monthOf(from), 1);
  const last = addDays(to, 1).endsWith('-01') ? monthOf(to) : addMonths(monthOf(to), -1);
  return first <= last ? { first, last } : null;
}

/**
 * `SELECT select` over the scope's days: the whole months from `months` (keyed by `month`), the
 * other days from `days` (keyed by `day`); only `days` when the grain is days or no month is whole.
 */
export function monthsAndDays(
  p: Params,
  scope: Scope,
  tables: { days: string; months: string; select: string },
  grain: ReadGrain,
): string {
  const whole = grain === 'months' ? wholeMonths(scope.from, scope.to) : null;
  if (!whole)
    return `SELECT ${tables.select} FROM ${tables.days} WHERE ${dayRange(p, scope, 'day')}`;
  const parts = [
    `SELECT ${tables.select} FROM ${tables.months}
      WHERE month BETWEEN ${p.add(whole.first)}::date AND ${p.add(whole.last)}::date`,
  ];
  const before = addDays(whole.first, -1);
  const after = addMonths(whole.last, 1);
  // the partial months' days, when there are any
  if (scope.from <= before)
    parts.push(`SELECT ${tables.select} FROM ${tables.days}
      WHERE day BETWEEN ${p.add(scope.from)}::date AND ${p.add(before)}::date`);
  if (after <= scope.to)
    parts.push(`SELECT ${tables.select} FROM ${tables.days}
      WHERE day BETWEEN ${p.add(after)}::date AND ${p.add(scope.to)}::date`);
  return parts.join(' UNION ALL ');
}
