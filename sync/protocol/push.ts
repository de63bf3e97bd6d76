import { z } from 'zod';
import { int, INT4_MAX, text } from './bounds';
import { HlcSchema } from './hlc';
import { RejectionCodeSchema } from './errors';
import { PresenceTicketSchema } from './member';

/** The most mutations one push may carry. */
export const MAX_PUSH_BATCH = 500;

export const EpochSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One outbox row as sent. `seq` is gapless per (device, epoch), starting at 1. */
export const MutationEnvelopeSchema = z.object({
  seq: int(1, INT4_MAX),
  /**
   * Business idempotency key, unique per device across epochs (e.g. `sale:<saleId>`). Keys are
   * scoped to the device: another device's mutation with the same key is processed on its own.
   */
  key: text(1, 200),
  name: text(1, 40),
  version: int(1, 9999),
  args: z.unknown(),
  hlc: HlcSchema,
  /**
   * The presence ticket of the member the args name, attached when the kiosk wrote the mutation
   * (a member of another store needs one valid at `hlc`; member.ts). Absent for everyone else.
   */
  presence: PresenceTicketSchema.optional(),
});
export type MutationEnvelope = z.infer<typeof MutationEnvelopeSchema>;

export const PushRequestSchema = z.object({
  deviceId: text(1, 200),
  epoch: EpochSchema,
  /** Contiguous seqs in increasing order, 1..MAX_PUSH_BATCH of them. */
  mutations: z.array(MutationEnvelopeSchema).min(1),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** What the kiosk must undo or correct locally after a business rejection. */
export const CompensationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('points-balance'), memberId: z.string(), balance: z.number().int() }),
  z.object({
    kind: z.literal('coupon-used'),
    couponCode: z.string(),
    memberId: z.string(),
    discountCents: z.number().int(),
  }),
  z.object({ kind: z.literal('order-cancelled'), orderId: z.string() }),
  z.object({ kind: z.literal('none') }),
]);
export type Compensation = z.infer<typeof CompensationSchema>;

export const StaffTaskSchema = z.object({ id: z.string(), kind: z.string(), message: z.string() });

/** `GET /v1/staff-tasks`: the open staff tasks of the device's store. */
export const OpenStaffTasksSchema = z.object({
  tasks: z.array(
    StaffTaskSchema.extend({
      ref: z.string().nullable(),
      deviceId: z.string().nullable(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export const MutationResultSchema = z.discriminatedUnion('status', [
  /** Applied now. `result` is mutation-specific (e.g. registerMember → { memberId }). */
  z.object({
    seq: z.number().int(),
    key: z.string(),
    status: z.literal('applied'),
    result: z.unknown(),
  }),
  /** Seen before (same key, or seq ≤ lastSeq): `original` is the stored result of the first time. */
  z.object({
    seq: z.number().int(),
    key: z.string(),
    status: z.literal('duplicate'),
    original: z.lazy(() => StoredResultSchema).nullable(),
  }),
  /** Acknowledged business rejection: no effect, seq advanced; undo locally and show the task. */
  z.object({
    seq: z.number().int(),
    key: z.string(),
    status: z.literal('rejected'),
    error: z.object({ code: RejectionCodeSchema, message: z.string() }),
    compensation: CompensationSchema,
    staffTask: StaffTaskSchema.nullable(),
  }),
]);
export type MutationResult = z.infer<typeof MutationResultSchema>;

/** A stored first-time result as returned inside a `duplicate`. */
export const StoredResultSchema = z.object({
  status: z.enum(['applied', 'rejected']),
  result: z.unknown(),
  error: z.object({ code: RejectionCodeSchema, message: z.string() }).nullable(),
  compensation: CompensationSchema.nullable(),
  staffTask: StaffTaskSchema.nullable(),
});
export type StoredResult = z.infer<typeof StoredResultSchema>;

export const PushResponseSchema = z.object({
  epoch: EpochSchema,
  /** The device's last processed seq in this epoch after the batch. */
  lastSeq: z.number().int(),
  results: z.array(MutationResultSchema),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** Body of a 409 `seq-gap`: nothing of the batch was processed; resend from `lastSeq + 1`. */
export const SeqGapDetailsSchema = z.object({
  lastSeq: z.number().int(),
  expectedSeq: z.number().int(),
  gotSeq: z.number().int(),
});

/**
 * `details` of `epoch-retired`: the device's current epoch on the server and the highest numeric
 * epoch it has used there (null when none is numeric). The kiosk starts an epoch above both.
 */
export const EpochRetiredDetailsSchema = z.object({
  currentEpoch: z.string().nullable(),
  highestEpoch: z.number().int().min(0).nullable(),
});
export type EpochRetiredDetails = z.infer<typeof EpochRetiredDetailsSchema>;
