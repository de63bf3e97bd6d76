/**
 * Drill-down: the rows behind a number. Every number the console shows names a row kind and the
 * parameters that select its rows (on top of the view's filters), e.g. the 37 garments bought
 * online of style DRE003 at S001 are `garments?stage=online&store=S001&style=DRE003`.
 */
import { z } from 'zod';
import { IsoDateSchema, SkuSchema, StoreIdSchema, StyleIdSchema } from './common';
import { HQ_CHANNELS } from './common';

export const ROW_KINDS = [
  'sales',
  'visits',
  'garments',
  'size-requests',
  'stock',
  'rfm-members',
  'member-months',
  'members',
  'nps',
  'kiosks',
] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export const GARMENT_STAGES = [
  'tried',
  'liked',
  'bought',
  'visit',
  'store',
  'online',
  'miniapp',
  'rejected',
  'size-swap',
] as const;
export type GarmentStage = (typeof GARMENT_STAGES)[number];

/** Most rows one page or one CSV export carries. */
export const MAX_PAGE_ROWS = 200;
export const MAX_EXPORT_ROWS = 10_000;

const yesNo = z.enum(['yes', 'no']);
const Month = IsoDateSchema.refine((d) => d.endsWith('-01'), 'the first day of a month');

export const RowsParamsSchema = z.object({
  day: IsoDateSchema.optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  channel: z.enum(HQ_CHANNELS).optional(),
  member: yesNo.optional().describe('sales: by a member or not'),
  storeId: StoreIdSchema.optional().describe('One store (or ONLINE) within the filters'),
  styleId: StyleIdSchema.optional().describe('One style (within the filters)'),
  sku: SkuSchema.optional(),
  colorCode: z.string().max(20).optional(),
  size: z.string().max(20).optional(),
  stage: z.enum(GARMENT_STAGES).optional(),
  reason: z.enum(['too-small', 'too-big', 'colour', 'style', 'price']).optional(),
  outOfStock: yesNo.optional(),
  brought: yesNo.optional(),
  segment: z.string().max(20).optional(),
  fromSegment: z.string().max(20).optional(),
  joinMonth: Month.optional(),
  month: Month.optional(),
  repeaters: yesNo.optional().describe('member-months: only members with 2+ orders in the range'),
  tier: z.string().max(20).optional(),
  consent: z.enum(['profile', 'marketing', 'photo']).optional(),
  week: IsoDateSchema.optional(),
  band: z
    .enum(['promoter', 'passive', 'detractor'])
    .optional()
    .describe('nps: scores 9–10, 7–8 or 0–6'),
  sinceSale: yesNo
    .optional()
    .describe('garments: tried at their store since the style last sold there (any date)'),
  since: IsoDateSchema.optional().describe('sales: only days from this one on (within the range)'),
  deviceId: z.string().max(80).optional().describe('kiosks: one kiosk (revoked ones too)'),
  stale: yesNo.optional().describe('kiosks: silent for longer than the stale threshold'),
  failing: yesNo.optional().describe('kiosks: errors in the last 24 h or a device in error'),
  measure: z
    .string()
    .regex(/^[a-zA-Z0-9]{1,40}$/)
    .optional()
    .describe(
      '"rows", or a numeric column to sum: the answer then carries `aggregate` over every matching row',
    ),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).default(50),
});
export type RowsParams = z.output<typeof RowsParamsSchema>;
/** What a number links to: a row kind and its parameters (besides the view's filters). */
export type RowsLink = {
  kind: RowKind;
  params: Partial<Record<Exclude<keyof RowsParams, 'offset' | 'limit' | 'measure'>, string>>;
};

export const COLUMN_TYPES = ['text', 'int', 'money', 'date', 'instant', 'bool', 'seconds'] as const;
export const RowsResponseSchema = z
  .object({
    kind: z.enum(ROW_KINDS),
    columns: z.array(z.object({ key: z.string(), type: z.enum(COLUMN_TYPES) })),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
    total: z.number().int().describe('Rows matching (counted up to the export limit)'),
    capped: z.boolean().describe('More rows match than were counted'),
    offset: z.number().int(),
    aggregate: z
      .object({
        rows: z.number().int().describe('Every matching row, not capped'),
        sum: z
          .number()
          .nullable()
          .describe('Sum of the `measure` column over them (null for rows)'),
      })
      .optional()
      .describe('Only when `measure` is asked for: what a ratio or an average is computed from'),
  })
  .meta({ id: 'HqRows' });
export type RowsResponse = z.infer<typeof RowsResponseSchema>;
