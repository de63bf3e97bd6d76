import { z } from 'zod';
import {
  BoundedJsonSchema,
  CentsSchema as Cents,
  InstantSchema as Instant,
  int,
  MAX_CENTS,
  MAX_POINTS,
  MonthDaySchema,
  text,
} from './bounds';

// Every field is bounded (bounds.ts): what a schema accepts, the cloud's database stores.
const Id = text(1, 80);
const MemberId = text(1, 40);
const Sku = text(1, 60);
const Qty = int(1, 10_000);
const Points = int(1, MAX_POINTS);
const Discount = int(0, MAX_CENTS);

/** recordSale v1: an immutable sale, deduplicated by saleId. Decrements server stock. */
export const RecordSaleV1 = z.object({
  saleId: Id,
  memberId: MemberId.nullable(),
  lines: z
    .array(
      z.object({
        sku: Sku,
        qty: Qty,
        unitPriceCents: Cents,
        discountCents: Discount,
      }),
    )
    .min(1)
    .max(200),
  totalCents: Cents,
  payments: z.array(z.object({ method: text(1, 30), amountCents: Cents })).max(10),
  soldAt: Instant,
});

/** redeemPoints v1: spends points from the member's server balance; rejected when overdrawn. */
export const RedeemPointsV1 = z.object({
  redemptionId: Id,
  memberId: MemberId,
  points: Points,
  saleId: Id.nullable(),
});

/** earnPoints v1: adds points to the ledger (deduplicated by earnId). */
export const EarnPointsV1 = z.object({
  earnId: Id,
  memberId: MemberId,
  points: Points,
  saleId: Id.nullable(),
});

/** redeemCoupon v1: uses a coupon for a member; a single-use coupon is used once across kiosks. */
export const RedeemCouponV1 = z.object({
  redemptionId: Id,
  couponCode: text(1, 40),
  memberId: MemberId,
  saleId: Id.nullable(),
  discountCents: Discount,
});

/** logTryOn v1: an immutable try-on event, deduplicated by tryOnId. */
export const LogTryOnV1 = z.object({
  tryOnId: Id,
  sessionId: Id,
  sku: Sku,
  memberId: MemberId.nullable(),
  action: z.enum(['enter', 'like', 'unlike', 'request-size', 'leave']),
  at: Instant,
});

/** What the shopper did with a tried garment (logTryOn v2), as the kiosk records it. */
export const LOG_TRYON_OUTCOMES = ['tried', 'liked', 'rejected', 'size-swap', 'bought'] as const;
/** Why a garment did not suit (logTryOn v2): one optional tap at the mirror. */
export const LOG_TRYON_REASONS = ['too-small', 'too-big', 'colour', 'style', 'price'] as const;

/**
 * logTryOn v2: the try-on with its outcome and the shopper's reason (null when none was given;
 * mostly with `rejected`, "not for me", but a size swap may say too small / too big), so the
 * brand learns why tried garments are not bought. Immutable, deduplicated by tryOnId.
 */
export const LogTryOnV2 = z.object({
  tryOnId: Id,
  sessionId: Id,
  sku: Sku,
  memberId: MemberId.nullable(),
  outcome: z.enum(LOG_TRYON_OUTCOMES),
  reason: z.enum(LOG_TRYON_REASONS).nullable(),
  at: Instant,
});

/** setPreference v1: last-writer-wins per (member, key) by the envelope's HLC, ties by device id. */
export const SetPreferenceV1 = z.object({
  memberId: MemberId,
  key: z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,63}$/),
  value: BoundedJsonSchema,
});

/** recordConsent v1: last-writer-wins per (member, kind) like preferences; also logged. */
export const RecordConsentV1 = z.object({
  consentId: Id,
  memberId: MemberId,
  kind: z.enum(['profile', 'marketing', 'photo']),
  granted: z.boolean(),
});

/** registerMember v1: a provisional member created offline; result carries the permanent id. */
export const RegisterMemberV1 = z.object({
  provisionalId: Id,
  name: text(1, 100),
  phone: z.string().regex(/^\+?[0-9]{6,20}$/),
  gender: z.enum(['F', 'M', 'X']).nullable(),
  birthday: MonthDaySchema.nullable(),
  consentProfile: z.boolean(),
  consentMarketing: z.boolean(),
});

/** placeOrder v1: reserve in another store, or deliver from online stock (location ONLINE). */
export const PlaceOrderV1 = z.object({
  orderId: Id,
  kind: z.enum(['reserve-in-store', 'ship-from-online']),
  fromLocation: text(1, 32),
  lines: z
    .array(z.object({ sku: Sku, qty: Qty }))
    .min(1)
    .max(50),
  memberId: MemberId.nullable(),
  contact: text(0, 100).nullable(),
});

/** staffRequest v1: a request raised on a mirror (another size, help); stored as a staff task. */
export const StaffRequestV1 = z.object({
  requestId: Id,
  kind: z.enum(['another-size', 'assistance', 'other']),
  sku: Sku.nullable(),
  location: text(0, 60).nullable(),
  message: text(0, 500).nullable(),
});

/**
 * staffRequest v2: a request or alert raised at a kiosk (size, help, unknown item), shared with
 * every kiosk of the store through the `requests` stream. The store is the device's.
 */
export const StaffRequestV2 = z.object({
  requestId: Id,
  kind: z.enum(['size', 'help', 'unknown-item']),
  place: text(1, 60),
  sku: Sku.nullable(),
  size: text(0, 20).nullable(),
  nameZh: text(0, 200).nullable(),
  nameEn: text(0, 200).nullable(),
  createdAt: Instant,
});

/**
 * updateStaffRequest v1: moves a request on. Status only moves forward (waiting → on-the-way →
 * done | cancelled); concurrent updates resolve by that order, then (HLC, device id).
 */
export const UpdateStaffRequestV1 = z.object({
  requestId: Id,
  status: z.enum(['on-the-way', 'done', 'cancelled']),
  staffId: text(1, 40).nullable(),
});

/**
 * attachPhoto v1: a try-on photo the signed-in member asked to send to their account. `jpeg` is
 * the JPEG as base64 (at most 3 MB of bytes, so ≤ 4 MiB of text); stored once per photoId.
 */
export const AttachPhotoV1 = z.object({
  photoId: Id,
  memberId: MemberId,
  jpeg: z
    .string()
    .max(4 * 1024 * 1024)
    .regex(
      /^(?:[A-Za-z0-9+/]{4})+$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/,
      'must be base64',
    ),
  takenAt: Instant,
});

/** requestErasure v1: erase a member's personal data (name, phone, birthday, preferences). */
export const RequestErasureV1 = z.object({ requestId: Id, memberId: MemberId });

/** recordNps v1: a 0–10 score with an optional comment, deduplicated by npsId. */
export const RecordNpsV1 = z.object({
  npsId: Id,
  score: int(0, 10),
  comment: text(0, 1000).nullable(),
  memberId: MemberId.nullable(),
});

/** Every mutation by name, then version. A server answers an unknown pair with `unknown-mutation`. */
export const MUTATIONS = {
  recordSale: { 1: RecordSaleV1 },
  redeemPoints: { 1: RedeemPointsV1 },
  earnPoints: { 1: EarnPointsV1 },
  redeemCoupon: { 1: RedeemCouponV1 },
  logTryOn: { 1: LogTryOnV1, 2: LogTryOnV2 },
  setPreference: { 1: SetPreferenceV1 },
  recordConsent: { 1: RecordConsentV1 },
  registerMember: { 1: RegisterMemberV1 },
  placeOrder: { 1: PlaceOrderV1 },
  staffRequest: { 1: StaffRequestV1, 2: StaffRequestV2 },
  updateStaffRequest: { 1: UpdateStaffRequestV1 },
  requestErasure: { 1: RequestErasureV1 },
  recordNps: { 1: RecordNpsV1 },
  attachPhoto: { 1: AttachPhotoV1 },
} as const;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];
/** The current (newest) version of every mutation: what a kiosk of this build sends. */
export const CURRENT_VERSION: { [N in MutationName]: number } = {
  recordSale: 1,
  redeemPoints: 1,
  earnPoints: 1,
  redeemCoupon: 1,
  logTryOn: 2,
  setPreference: 1,
  recordConsent: 1,
  registerMember: 1,
  placeOrder: 1,
  staffRequest: 2,
  updateStaffRequest: 1,
  requestErasure: 1,
  recordNps: 1,
  attachPhoto: 1,
};
/** Args type of the v1 schema of each mutation. */
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N][1]>;

/** Looks up the args schema of name+version; null when this build does not know the pair. */
export function mutationSchema(name: string, version: number): z.ZodType | null {
  if (!Object.hasOwn(MUTATIONS, name)) return null;
  const versions: Record<number, z.ZodType> = MUTATIONS[name as MutationName];
  return versions[version] ?? null;
}
