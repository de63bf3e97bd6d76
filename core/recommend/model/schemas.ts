/**
 * The model's rows as they travel and rest (cloud `model` stream, kiosk tables), as zod schemas:
 * a kiosk parses every row it receives or reads back, so a damaged row is refused, never trusted.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(64);
const Score = z.number().finite();

export const PickWhySchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('taste'), boughtBy: z.number().int().min(0) }),
  z.object({ code: z.literal('goes-with'), anchor: Id, bought: z.boolean() }),
  z.object({ code: z.literal('tag'), tag: z.string().min(1).max(40) }),
  z.object({ code: z.literal('own'), tries: z.number().int().min(0), bought: z.boolean() }),
  z.object({ code: z.literal('popular') }),
]);

export const MemberModelSchema = z.object({
  memberId: Id,
  picks: z.array(z.object({ styleId: Id, score: Score, why: PickWhySchema })).max(200),
  sizes: z.record(z.string().max(40), z.string().max(16)),
});

export const FitFactsSchema = z.object({
  verdict: z.enum(['runs-small', 'runs-large']).nullable(),
  tooSmall: z.number().int().min(0),
  tooBig: z.number().int().min(0),
  keptWithUsual: z.number().int().min(0),
  meanOffset: Score,
  keptBy: z
    .array(
      z.object({
        usual: z.string().max(16),
        kept: z.string().max(16),
        count: z.number().int().min(0),
        of: z.number().int().min(1),
      }),
    )
    .max(40),
});

export const ItemModelSchema = z.object({
  styleId: Id,
  popularity: z.number().min(0).max(1),
  neighbours: z.array(z.tuple([Id, Score])).max(100),
  look: z.array(z.tuple([Id, Score, z.number().int().min(0)])).max(100),
  fit: FitFactsSchema.nullable(),
});

export const WeightsSchema = z.object({
  userKnn: Score,
  itemKnn: Score,
  persona: Score,
  own: Score,
  popularity: Score,
});

export const ModelMetaSchema = z.object({
  version: z.string().min(1).max(64),
  trainedAt: z.string().max(40),
  dataUntil: z.string().max(40),
  weights: WeightsSchema,
  validation: z
    .object({
      from: z.string().max(40),
      to: z.string().max(40),
      members: z.number().int().min(0),
      precisionAt5: z.object({ blend: Score, popularity: Score }),
    })
    .nullable(),
  events: z.number().int().min(0),
});

/** The `meta` row of a store's model stream: the model's identity plus what proves it complete. */
export const StreamMetaSchema = ModelMetaSchema.extend({
  /** Item and member rows of this store's copy. */
  rows: z.number().int().min(0),
  /** pageChecksum of this store's rows (key order, meta excluded): sha256 of canonical JSON. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  /** Bytes of the rows' JSON: what the model costs this store. */
  bytes: z.number().int().min(0),
});
export type StreamMeta = z.infer<typeof StreamMetaSchema>;

/** One row of the `model` stream, told apart by `kind` (keys: meta, item:<style>, member:<id>). */
export const ModelStreamDataSchema = z.discriminatedUnion('kind', [
  StreamMetaSchema.extend({ kind: z.literal('meta') }),
  ItemModelSchema.extend({ kind: z.literal('item') }),
  MemberModelSchema.extend({ kind: z.literal('member') }),
]);
export type ModelStreamData = z.infer<typeof ModelStreamDataSchema>;

/** The key a row of the model stream travels under. */
export const modelStreamKey = {
  meta: 'meta',
  item: (styleId: string) => `item:${styleId}`,
  member: (memberId: string) => `member:${memberId}`,
} as const;
