import { z } from 'zod';

/** A member as served by the `members` stream (row data) and by online lookup. */
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

/** Query of `GET /v1/members/lookup`: exactly one of the identifiers. */
export const MemberLookupQuerySchema = z
  .object({
    memberId: z.string().min(1).max(40).optional(),
    cardNo: z.string().min(1).max(40).optional(),
    qrToken: z.string().min(1).max(100).optional(),
  })
  .refine(
    (q) => [q.memberId, q.cardNo, q.qrToken].filter((v) => v !== undefined).length === 1,
    'give exactly one of memberId, cardNo, qrToken',
  );

export const MemberLookupResponseSchema = z.object({ member: MemberSchema });
