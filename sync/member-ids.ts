/**
 * Provisional member ids (`PRV-…`, a member who joined at the kiosk offline) → the permanent id
 * the cloud answered to `registerMember`.
 *
 * Guarantees:
 * - the mapping is stored (`member_aliases`) in the same transaction that acknowledges the
 *   registerMember row, so it is never lost once the cloud's answer is applied;
 * - `adoptPermanentMemberIds` then moves the member's local rows to the permanent id, one member
 *   per transaction and idempotently (a crash halfway re-runs it): the cached members row (its
 *   personal data resealed under the new id, or dropped in favour of the permanent member's row
 *   when that is already cached, e.g. a merge by phone), sessions, preferences (the newer stamp
 *   wins a clash), photos, sales, orders and every other table with a `member_id` column. The
 *   append-only points ledger keeps the provisional id; read it through `member_aliases`.
 * - outbox rows queued with the provisional id are not rewritten: the cloud resolves a provisional
 *   id to its permanent member for every mutation.
 */
import { z } from 'zod';

const RegisteredSchema = z.object({
  provisionalId: z.string().min(1).max(80),
  memberId: z.string().min(1).max(40),
  merged: z.boolean(),
});
export type Registered = z.infer<typeof RegisteredSchema>;

/** The registerMember answer inside an applied result, or null for any other result. */
export function registeredMember(result: unknown): Registered | null {
  const parsed = RegisteredSchema.safeParse(result);
  return parsed.success && parsed.data.provisionalId !== parsed.data.memberId ? parsed.data : null;
}

// The alias table and the move of a member's rows live in core/sync-store/member-aliases.ts.
export { adoptPermanentMemberIds, recordMemberAlias } from '../core/sync-store/member-aliases';
export { permanentMemberId } from '../core/staff/sync-tasks';
