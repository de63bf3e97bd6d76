/**
 * Which member a mutation names, for many mutations in one query (issue 15: one round trip per
 * push instead of one per mutation). A provisional id a kiosk gave a member it registered offline
 * resolves to the permanent member (`member_aliases`, also when the sign-up merged into an existing
 * member by phone); the member's home store comes along for the presence check.
 */
import { text } from '../../sync/protocol';
import type { Queryable } from '../db/db';

/** The member a mutation names (provisional id resolved), whether the cloud knows them, and where. */
export interface NamedMember {
  memberId: string;
  known: boolean;
  homeStore: string | null;
}

/** What a member id may be (as the mutations' schemas say): anything else names nobody. */
const MEMBER_ID = text(1, 40);

/** Whether `id` may name a member at all (anything else names nobody). */
export const isMemberId = (id: string): boolean => MEMBER_ID.safeParse(id).success;

/**
 * Each of `ids` (as sent) → the member it names. The ids come from args not parsed yet: one that
 * is no storable text of 1–40 characters gets no entry (its mutation, if it gets that far, looks
 * it up alone with resolveMember, as before).
 */
export async function resolveMembers(
  tx: Queryable,
  all: readonly string[],
): Promise<Map<string, NamedMember>> {
  const ids = all.filter(isMemberId);
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{
    id: string;
    member_id: string;
    home_store: string | null;
    known: boolean;
  }>(
    `SELECT q.id, coalesce(a.member_id, q.id) AS member_id, m.home_store, m.member_id IS NOT NULL AS known
     FROM jsonb_array_elements_text($1::jsonb) AS q(id)
     LEFT JOIN member_aliases a ON a.provisional_id = q.id
     LEFT JOIN members m ON m.member_id = coalesce(a.member_id, q.id)`,
    [JSON.stringify(ids)],
  );
  return new Map(
    rows.map((r) => [r.id, { memberId: r.member_id, known: r.known, homeStore: r.home_store }]),
  );
}

/** One member, by an id sent as text (any string). */
export async function resolveMember(tx: Queryable, id: string): Promise<NamedMember | null> {
  const { rows } = await tx.query<{ member_id: string; home_store: string | null; known: boolean }>(
    `SELECT coalesce(a.member_id, q.id) AS member_id, m.home_store, m.member_id IS NOT NULL AS known
     FROM (SELECT $1::text AS id) q
     LEFT JOIN member_aliases a ON a.provisional_id = q.id
     LEFT JOIN members m ON m.member_id = coalesce(a.member_id, q.id)`,
    [id],
  );
  const r = rows[0];
  return r ? { memberId: r.member_id, known: r.known, homeStore: r.home_store } : null;
}

/** The memberId a mutation's args name, if any (before parsing: used to look members up early). */
export function namedMemberId(args: unknown): string | null {
  return typeof args === 'object' &&
    args !== null &&
    'memberId' in args &&
    typeof args.memberId === 'string'
    ? args.memberId
    : null;
}
