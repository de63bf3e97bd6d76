/**
 * A push's members, locked once at the start of its transaction in one global order (issue 15).
 *
 * Members are brand-wide: two stores' pushes may name the same ones. Inside a push a member is
 * locked when its try-ons are inserted (the try-on trigger, `hq_member_lock`), when its sales are
 * folded at COMMIT or before a member changes (the same lock), when it is erased (the same lock),
 * and by the rows its points, consent, preferences and coupons update. Each statement locks in
 * key order, but a transaction runs many: one store's push held M1 (a try-on) and waited for M2
 * (its sale, at COMMIT) while the other held M2 and waited for M1, and PostgreSQL killed one
 * (40P01). Taking `hq_member_lock` for every member the push names, in the order the triggers
 * sort them, before any mutation runs, makes the triggers' later locks re-entrant no-ops and makes
 * a push that shares a member with a running one wait for it at the start instead. Only pushes
 * write those member rows, each under the member's lock taken here, so they need no pass of their
 * own.
 *
 * A member's consent or erasure (and a new member) also moves the count of the member's home
 * store × tier (HQ upkeep, `hq_store_members`): one row shared by every store's pushes naming
 * members of that home, whoever the member. Two pushes changing the consent of members of two
 * homes in opposite orders deadlocked on those rows; such a push also locks each home whose count
 * it may move, in the same pass, after the members.
 *
 * Not covered: a member a `registerMember` of the same push merges into by phone is not known yet
 * here; its lock comes later, as before.
 */
import type { MutationEnvelope } from '../../sync/protocol';
import type { Queryable } from '../db/db';
import { isMemberId, namedMemberId } from './member-lookup';

/** Mutations that may move their member's home store × tier count. */
const MOVE_HOME_COUNT: ReadonlySet<string> = new Set(['recordConsent', 'requestErasure']);

interface Named {
  /** Every member id named (as sent). */
  members: string[];
  /** The ids of members whose home count may move. */
  homeCountOf: string[];
  /** A member may be created, counted at the device's store. */
  registers: boolean;
}

function named(mutations: readonly MutationEnvelope[]): Named {
  const members = new Set<string>();
  const homeCountOf = new Set<string>();
  let registers = false;
  for (const m of mutations) {
    if (m.name === 'registerMember') registers = true;
    const id = namedMemberId(m.args);
    if (id === null || !isMemberId(id)) continue;
    members.add(id);
    if (MOVE_HOME_COUNT.has(m.name)) homeCountOf.add(id);
  }
  return { members: [...members], homeCountOf: [...homeCountOf], registers };
}

/**
 * Locks (transaction-scoped) every member `mutations` name, a provisional id as the permanent
 * member it stands for, in the triggers' order (member id, the database's collation); then the
 * home stores whose member counts they may move. One statement. On PGlite (one connection,
 * nothing to wait for) the caller skips it.
 */
export async function lockNamedMembers(
  tx: Queryable,
  storeId: string,
  mutations: readonly MutationEnvelope[],
): Promise<void> {
  const { members, homeCountOf, registers } = named(mutations);
  if (members.length === 0 && !registers) return;
  // The aggregates take the locks row by row in the sorted subquery's order (as the triggers'
  // PERFORM … FROM (… ORDER BY 1) does); a FILTER-ed row does not evaluate the other's argument.
  await tx.query(
    `WITH locks AS (
       SELECT 0 AS kind, coalesce(a.member_id, q.id) AS k
       FROM jsonb_array_elements_text($1::jsonb) AS q(id)
       LEFT JOIN member_aliases a ON a.provisional_id = q.id
       UNION SELECT 1, coalesce(m.home_store, '-')
       FROM jsonb_array_elements_text($2::jsonb) AS q(id)
       LEFT JOIN member_aliases a ON a.provisional_id = q.id
       JOIN members m ON m.member_id = coalesce(a.member_id, q.id)
       UNION SELECT 1, $3::text WHERE $3::text IS NOT NULL)
     SELECT count(hq_member_lock(k)) FILTER (WHERE kind = 0)
       + count(pg_advisory_xact_lock(hashtext('hq-home-members:' || k))) FILTER (WHERE kind = 1)
       AS locked
     FROM (SELECT kind, k FROM locks ORDER BY kind, k) ordered`,
    [JSON.stringify(members), JSON.stringify(homeCountOf), registers ? storeId : null],
  );
}
