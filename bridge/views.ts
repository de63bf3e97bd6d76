/**
 * What the screens show, as the host keeps it: the whole visit (session) in one view, so a
 * reloaded renderer asks `session.current` and loses nothing. Types are derived from these schemas.
 */
import { z } from 'zod';
import { roleSchema } from './schemas';

export const labelSchema = z.object({ zh: z.string(), en: z.string() });

export const tryOnReasonSchema = z.enum(['too-small', 'too-big', 'colour', 'style', 'price']);
export type TryOnReasonView = z.output<typeof tryOnReasonSchema>;
export const reactionSchema = z.enum(['liked', 'rejected']);

/** One size of a garment with where it can be had. */
export const sizeAvailabilitySchema = z.object({
  size: z.string(),
  sku: z.string(),
  here: z.number().int(),
  otherStores: z.number().int(),
  online: z.number().int(),
});

export const swatchSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });

/**
 * A garment's picture (docs/media.md): the screen loads `/media/<hash>/<thumb|screen>` from its
 * own origin. `hash` is null while the kiosk does not have the image yet (a calm placeholder is
 * shown until it arrives); the whole reference is null (or absent) when the catalog has none.
 */
export const imageRefSchema = z.object({
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  alt: labelSchema,
});
export type ImageRef = z.output<typeof imageRefSchema>;
/** Added to every garment the screens show; optional so older views stay valid. */
const image = imageRefSchema.nullable().optional();

/** A suggestion with why it is suggested (complete the look, for you). */
export const suggestionSchema = z.object({
  sku: z.string(),
  name: labelSchema,
  priceCents: z.number().int(),
  reason: labelSchema,
  image,
});

/**
 * Size advice from the brand's fit data (every store): whether the style runs small or large, and
 * which size members who usually wear the shopper's size kept; only with enough evidence, and
 * always with the counts behind it. The renderer words it.
 */
export const fitAdviceSchema = z.object({
  verdict: z.enum(['runs-small', 'runs-large']).nullable(),
  /** Shoppers who gave a fit reason, and how many found it too small / too big. */
  reasons: z.number().int(),
  tooSmall: z.number().int(),
  tooBig: z.number().int(),
  /** Members who usually wear `usual` mostly kept `kept`: `count` of `of` purchases. */
  kept: z
    .object({ usual: z.string(), kept: z.string(), count: z.number().int(), of: z.number().int() })
    .nullable(),
  /** The usual size is the member's (from their purchases) or the size tried now. */
  usualFrom: z.enum(['member', 'tried']),
});
export type FitAdviceView = z.output<typeof fitAdviceSchema>;

export const tryOnCardSchema = z.object({
  sku: z.string(),
  styleId: z.string(),
  name: labelSchema,
  color: swatchSchema,
  size: z.string(),
  priceCents: z.number().int(),
  listPriceCents: z.number().int(),
  /** The signed-in member's price (tier discount), null without a member or a discount. */
  memberPriceCents: z.number().int().nullable(),
  swatches: z.array(swatchSchema),
  sizes: z.array(sizeAvailabilitySchema),
  reaction: reactionSchema.nullable(),
  reason: tryOnReasonSchema.nullable(),
  source: z.enum(['scan', 'rfid']),
  /** The brand's online page of this style and colour, for the "take it to your phone" QR code. */
  lookUrl: z.string(),
  image,
  /** Size advice; absent or null when the brand's data says nothing sure about this style. */
  fit: fitAdviceSchema.nullable().optional(),
});
export type TryOnCard = z.output<typeof tryOnCardSchema>;

export const staffRequestStatusSchema = z.enum(['waiting', 'on-the-way', 'done', 'cancelled']);
export const staffRequestSchema = z.object({
  requestId: z.string(),
  kind: z.enum(['size', 'help', 'unknown-item']),
  /** Where the shopper is: the fitting room or the checkout's name. */
  place: z.string(),
  sku: z.string().nullable(),
  size: z.string().nullable(),
  name: labelSchema.nullable(),
  status: staffRequestStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffRequestView = z.output<typeof staffRequestSchema>;

/**
 * A task the member cloud raised when it refused something this kiosk did offline (a coupon used
 * elsewhere, points overdrawn, an order out of stock): the facts to say what happened in plain
 * words, never the raw compensation. Members by id only.
 */
export const syncTaskSchema = z.object({
  taskId: z.string(),
  kind: z.enum([
    'coupon-already-used',
    'coupon-refused',
    'points-overdrawn',
    'order-failed',
    'member-unknown',
    'not-synced',
    'other',
  ]),
  memberId: z.string().nullable(),
  couponCode: z.string().nullable(),
  /** The discount the sale gave that the cloud did not accept (fen). */
  discountCents: z.number().int().nullable(),
  /** Points redeemed offline, and the member's balance in the cloud. */
  points: z.number().int().nullable(),
  balance: z.number().int().nullable(),
  orderId: z.string().nullable(),
  saleId: z.string().nullable(),
  /** The cloud's rejection code, for support (e.g. `coupon-already-used`). */
  errorCode: z.string().nullable(),
  createdAt: z.string(),
});
export type SyncTaskView = z.output<typeof syncTaskSchema>;

export const memberBadgeSchema = z.object({
  /** The name shown on screen: family name only, the rest masked. */
  displayName: z.string(),
  tier: z.string(),
  tierName: labelSchema,
  points: z.number().int(),
  consentProfile: z.boolean(),
});
export type MemberBadge = z.output<typeof memberBadgeSchema>;

export const cartLineSchema = z.object({
  sku: z.string(),
  name: labelSchema,
  color: swatchSchema,
  size: z.string(),
  qty: z.number().int(),
  unitPriceCents: z.number().int(),
  amountCents: z.number().int(),
  image,
});

export const discountLineSchema = z.object({
  kind: z.string(),
  code: z.string().nullable(),
  label: labelSchema,
  amountCents: z.number().int(),
  points: z.number().int().nullable(),
});

export const couponOfferSchema = z.object({
  code: z.string(),
  title: labelSchema,
  applied: z.boolean(),
});

/**
 * A campaign offer waiting for the member (core/members/waiting-offers.ts): the renderer words it
 * from its kind and numbers in the shopper's language.
 */
export const memberOfferSchema = z.object({
  code: z.string(),
  title: labelSchema,
  kind: z.enum(['amount', 'percent', 'threshold', 'points_multiplier']),
  /** amount / threshold: fen off; percent: percent off (15 = 15 %); points_multiplier: the factor. */
  value: z.number().int(),
  minSpendCents: z.number().int(),
  /** First and last valid store-local dates ('YYYY-MM-DD'), inclusive. */
  validFrom: z.string(),
  validTo: z.string(),
});
export type MemberOfferView = z.output<typeof memberOfferSchema>;

export const paymentStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open') }),
  z.object({ state: z.literal('declined') }),
  z.object({
    state: z.literal('paid'),
    saleId: z.string(),
    receipt: z.enum(['printed', 'e-receipt']),
  }),
  /** Offline or failed: the shopper takes this slip to the counter. */
  z.object({ state: z.literal('pay-at-counter'), slipCode: z.string(), qrSvg: z.string() }),
]);
export type PaymentState = z.output<typeof paymentStateSchema>;

export const cartSchema = z.object({
  lines: z.array(cartLineSchema),
  subtotalCents: z.number().int(),
  discounts: z.array(discountLineSchema),
  totalCents: z.number().int(),
  coupons: z.array(couponOfferSchema),
  pointsToRedeem: z.number().int(),
  /** The most points this sale can use (balance, and no more than the total is worth). */
  pointsRedeemable: z.number().int(),
  pointsEarned: z.number().int(),
  payment: paymentStateSchema,
  npsGiven: z.boolean(),
  /** The member's points balance as this kiosk knows it (after this sale once paid); null without a member. */
  pointsBalance: z.number().int().nullable(),
});
export type CartView = z.output<typeof cartSchema>;

export const approvalSchema = z.object({
  approvalId: z.string(),
  kind: z.enum(['remove-item', 'price-override', 'void']),
  sku: z.string().nullable(),
  name: labelSchema.nullable(),
  status: z.enum(['waiting', 'approved', 'refused']),
  createdAt: z.string(),
});
export type ApprovalView = z.output<typeof approvalSchema>;

/** An order placed on this visit: reserved in another store or shipped from online stock. */
export const orderSchema = z.object({
  orderId: z.string(),
  sku: z.string(),
  size: z.string(),
  name: labelSchema,
  kind: z.enum(['reserve-in-store', 'ship-from-online']),
  delivery: z.enum(['pickup-there', 'pickup-here', 'home']),
  /** The store it is reserved in; null for online stock. */
  from: labelSchema.nullable(),
});
export type OrderView = z.output<typeof orderSchema>;

export const staffSignInSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  role: z.enum(['associate', 'supervisor', 'manager']),
});

/** A short notice for the shopper, by i18n key (never text): the renderer words it. */
export const noticeSchema = z.object({
  key: z.enum([
    'not-found',
    'invalid',
    'member-not-found',
    'member-signed-in',
    'member-joined',
    'member-exists',
    'order-placed',
    'needs-member',
    'order-needs-member',
    'order-no-stock',
    'ask-staff',
    'payment-declined',
    'staff-locked',
    'staff-wrong-pin',
    'staff-unknown-badge',
    'approval-needed',
    'request-sent-offline',
    'member-looking-up',
    'member-lookup-offline',
    'override-refused',
    'basket-voided',
    'supervisor-needed',
  ]),
  at: z.string(),
});
export type Notice = z.output<typeof noticeSchema>;

/** A staff member's view of a member: tier and points always; the profile only with consent. */
export const memberPanelSchema = z.object({
  memberId: z.string(),
  /** Family name only, the rest masked. */
  displayName: z.string(),
  tier: z.string(),
  tierName: labelSchema,
  points: z.number().int(),
  consentProfile: z.boolean(),
  /** Campaign offers the member can use now (staff see them whatever the marketing consent). */
  offers: z.array(memberOfferSchema),
  /** Null when the member did not consent to profile use: nothing of it leaves the host. */
  profile: z
    .object({
      rfm: z
        .object({
          recencyDays: z.number().int(),
          frequency: z.number().int(),
          monetaryCents: z.number().int(),
          r: z.number().int(),
          f: z.number().int(),
          m: z.number().int(),
          segment: z.string(),
          label: labelSchema,
        })
        .nullable(),
      preferences: z.array(z.object({ key: z.string(), value: z.string() })),
      recentPurchases: z.array(
        z.object({
          at: z.string(),
          sku: z.string(),
          name: labelSchema.nullable(),
          qty: z.number().int(),
          amountCents: z.number().int(),
          image,
        }),
      ),
    })
    .nullable(),
});
export type MemberPanelView = z.output<typeof memberPanelSchema>;

export const priceOverrideReasonSchema = z.enum(['damaged', 'price-match', 'other']);
export type PriceOverrideReason = z.output<typeof priceOverrideReasonSchema>;

/** A line's unit price set by staff: applied (supervisor) or waiting for a supervisor's approval. */
export const priceOverrideSchema = z.object({
  sku: z.string(),
  name: labelSchema,
  fromCents: z.number().int(),
  toCents: z.number().int(),
  reason: priceOverrideReasonSchema,
  status: z.enum(['applied', 'waiting']),
  /** The approval a supervisor decides on; null once applied. */
  approvalId: z.string().nullable(),
});
export type PriceOverrideView = z.output<typeof priceOverrideSchema>;

/** What only a signed-in staff member sees: the member panel and this cart's overrides. */
export const staffDeskSchema = z.object({
  memberPanel: memberPanelSchema.nullable(),
  overrides: z.array(priceOverrideSchema),
  /** An associate asked to void this basket; a supervisor decides. */
  voidApprovalId: z.string().nullable(),
});
export type StaffDeskView = z.output<typeof staffDeskSchema>;

export const sessionViewSchema = z.object({
  /** Null on the attract screen: nothing personal is held. */
  sessionId: z.string().nullable(),
  role: roleSchema,
  place: z.string(),
  member: memberBadgeSchema.nullable(),
  /**
   * Campaign offers waiting for the signed-in member, told on the mirror only, and only with
   * marketing consent; empty otherwise (the checkout lists them among its coupons).
   */
  memberOffers: z.array(memberOfferSchema),
  cards: z.array(tryOnCardSchema),
  /** SKU of the card on top (the last garment brought in). */
  focusSku: z.string().nullable(),
  suggestions: z.object({ look: z.array(suggestionSchema), forYou: z.array(suggestionSchema) }),
  requests: z.array(staffRequestSchema),
  orders: z.array(orderSchema),
  /** Try-on photos of this visit (their bytes never leave the host through the view). */
  photo: z.object({
    consented: z.boolean(),
    photos: z.array(z.object({ photoId: z.string(), send: z.boolean() })),
  }),
  cart: cartSchema.nullable(),
  approvals: z.array(approvalSchema),
  /** A badge was scanned: the screen asks for the PIN. */
  staffPinPending: z.boolean(),
  staff: staffSignInSchema.nullable(),
  /** Staff-only parts (member panel, price overrides); absent when no staff member is signed in. */
  staffDesk: staffDeskSchema.optional(),
  notice: noticeSchema.nullable(),
  idleSeconds: z.number().int(),
});
export type SessionView = z.output<typeof sessionViewSchema>;
