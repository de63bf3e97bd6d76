import type { RowKind, RowsLink } from '../../cloud/hq-api';
import type { ValueKind } from '../format';
import type { Figure, FigurePart } from '../state/drill';

/** The rows a number counts: a kind and what narrows it (undefined values are left out). */
export function rowsOf(
  kind: RowKind,
  params: Record<string, string | number | undefined> = {},
): RowsLink {
  const clean: RowsLink['params'] = {};
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && isParam(k)) clean[k] = String(v);
  return { kind, params: clean };
}

const PARAMS = [
  'day',
  'hour',
  'channel',
  'member',
  'storeId',
  'styleId',
  'sku',
  'colorCode',
  'size',
  'stage',
  'reason',
  'outOfStock',
  'brought',
  'segment',
  'fromSegment',
  'joinMonth',
  'month',
  'repeaters',
  'tier',
  'consent',
  'week',
  'band',
  'since',
  'sinceSale',
  'deviceId',
  'stale',
  'failing',
] as const;
type Param = (typeof PARAMS)[number];
const isParam = (k: string): k is Param => (PARAMS as readonly string[]).includes(k);

/** One side of a figure: the rows of a link and what of them counts (`rows`, or a column's sum). */
export const part = (link: RowsLink, measure = 'rows', negate = false): FigurePart =>
  negate ? { link, measure, negate } : { link, measure };

/** A ratio or an average: factor × Σ numerator / Σ denominator, recomputed from the rows. */
export function ratioOf(
  figure: string,
  format: ValueKind,
  numerator: FigurePart[],
  denominator: FigurePart[],
  factor = 1,
): Figure {
  return { figure, format, numerator, denominator, factor };
}

/** A sum of one column over some rows (factor scales it, e.g. per week). */
export const sumOf = (figure: string, format: ValueKind, over: FigurePart, factor = 1): Figure =>
  ratioOf(figure, format, [over], [], factor);
