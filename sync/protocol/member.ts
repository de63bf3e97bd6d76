import { z } from 'zod';
import { isMemberToken, MEMBER_TOKEN_BODY, MEMBER_TOKEN_PREFIX } from './member-token';

/** A member QR token in its canonical form (member-token.ts). */
export const MemberTokenSchema = z
  .string()
  .refine(isMemberToken, `must be "${MEMBER_TOKEN_PREFIX}" and ${MEMBER_TOKEN_BODY.source}`);

/** A member card number: the digits of the card, as the kiosk reads them off a track. */
export const CardNoSchema = z.string().regex(/^[0-9]{12,19}$/, 'must be 12 to 19 digits');

/** A member as served by the `members` stream (row data): only ever to the member's home store. */
export const MemberSchema = z.object({
  memberId: z.string(),
  cardNo: z.string().nullable(),
  qrToken: z.string().nullable(),
  name: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  gender: z.string().nullable(),
  tier: z.string(),
  /** Server-computed balance of the points ledger. */
  points: z.number().int(),
  birthday: z.string().nullable(),
  homeStore: z.string().nullable(),
  consentProfile: z.boolean(),
  consentMarketing: z.boolean(),
  consentPhoto: z.boolean(),
  joinedOn: z.string().nullable(),
  erased: z.boolean(),
  /** Single-use coupons the member has used at any kiosk (optional: older member systems omit it). */
  usedCoupons: z.array(z.string()).optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/**
 * Body of `POST /v1/members/lookup`: the credential the shopper presented at the kiosk, exactly one
 * of a card number or a member QR token (never a member id: a kiosk finds a member of another store
 * only when that member is there).
 */
export const MemberLookupRequestSchema = z.union([
  z.strictObject({ cardNo: CardNoSchema }),
  z.strictObject({ qrToken: MemberTokenSchema }),
]);
export type MemberLookupRequest = z.infer<typeof MemberLookupRequestSchema>;

/** A looked-up member: the stream row without its credentials (no card number, no QR token). */
export const LookedUpMemberSchema = MemberSchema.omit({ cardNo: true, qrToken: true });
export type LookedUpMember = z.infer<typeof LookedUpMemberSchema>;

/** How long a presence ticket is valid after the lookup that issued it. */
export const PRESENCE_TICKET_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * A presence ticket: `pt1.<payload>.<mac>`, issued by the cloud with a lookup, bound to the device
 * that asked and the member it found, valid PRESENCE_TICKET_TTL_MS. Opaque to the kiosk, which keeps
 * it sealed with the cached member and attaches it to every mutation for that member it writes while
 * the ticket is valid (MutationEnvelope `presence`). The cloud applies a mutation for a member of
 * another store only with a ticket valid at the mutation's time, else `member-not-present`.
 */
export const PresenceTicketSchema = z
  .string()
  .regex(/^pt1\.[A-Za-z0-9_-]{16,800}\.[A-Za-z0-9_-]{43}$/, 'not a presence ticket');

export const PresenceSchema = z.object({
  ticket: PresenceTicketSchema,
  /** The ticket's last instant (server clock). */
  expiresAt: z.iso.datetime(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const MemberLookupResponseSchema = z.object({
  member: LookedUpMemberSchema,
  presence: PresenceSchema,
});
export type MemberLookupResponse = z.infer<typeof MemberLookupResponseSchema>;
