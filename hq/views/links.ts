import type { RowKind, RowsLink } from '../../cloud/hq-api';

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
] as const;
type Param = (typeof PARAMS)[number];
const isParam = (k: string): k is Param => (PARAMS as readonly string[]).includes(k);
