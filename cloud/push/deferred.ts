/**
 * Mutations of a push that wait and are applied together, a statement or a few per group instead
 * of a savepoint and several round trips each (issue 15): try-ons (tryon-group.ts), points earned
 * (earn-group.ts) and preferences (preference-group.ts), which are most of what a kiosk queues.
 *
 * Why a group keeps the guarantees of a mutation at a time:
 * - only a mutation that cannot be rejected once its args parse and its member is this store's is
 *   deferred; a group that finds otherwise at its flush (an erased member, a balance out of range,
 *   another store's member) answers null and its mutations go the ordinary way, one by one, in order;
 * - a group is flushed before any mutation it does not commute with (`commutesWith`), so each
 *   deferred mutation sees what it would have seen in order, and its own kind keeps its order
 *   inside the group;
 * - the group's effects and outcome rows commit in the batch's transaction, together;
 * - if a flush fails, the caller rolls the whole transaction back and runs the push one mutation at
 *   a time again (push-batch.ts), so an error lands on the mutation that caused it.
 */
import type { z } from 'zod';
import type { MutationEnvelope, StoredResult } from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Queryable } from '../db/db';
import { resolveMembers, type NamedMember } from './member-lookup';

export interface GroupContext {
  device: DeviceIdentity;
  now: Date;
  maxClockSkewMs: number;
  /** Members the push names, looked up at once; the group looks up the others itself. */
  members: ReadonlyMap<string, NamedMember> | undefined;
}

export interface Pending<A> {
  m: MutationEnvelope;
  args: A;
  slot: number;
}

export interface GroupKind<A> {
  /** The mutation this group defers. */
  readonly name: string;
  /** Mutations that may run while one of this group waits (besides its own kind). */
  readonly commutesWith: ReadonlySet<string>;
  /** The parsed args of a mutation that may wait, or null (then it runs the ordinary way). */
  parse(m: MutationEnvelope): A | null;
  /** Applies the group; the outcome of each, in order, or null to run them one by one. */
  flush(
    tx: Queryable,
    ctx: GroupContext,
    group: readonly Pending<A>[],
  ): Promise<StoredResult[] | null>;
}

/** A `parse` for the versions given: the args as that version's schema reads them, or null. */
export const argsOf =
  <A>(byVersion: Readonly<Record<number, z.ZodType<A>>>) =>
  (m: MutationEnvelope): A | null => {
    const parsed = byVersion[m.version]?.safeParse(m.args);
    return parsed?.success ? parsed.data : null;
  };

/** A group taken out of its queue, ready to apply. */
export interface TakenGroup {
  items: readonly { m: MutationEnvelope; slot: number }[];
  flush(tx: Queryable, ctx: GroupContext): Promise<StoredResult[] | null>;
}

export interface GroupQueue {
  /** Defers `m` if it is this group's kind and may wait; whether it did. */
  defer(m: MutationEnvelope, slot: number): boolean;
  holds(key: string): boolean;
  /** How many wait. */
  readonly size: number;
  /** Whether this group must be applied before `name` runs. */
  mustFlushBefore(name: string): boolean;
  /** The waiting mutations, leaving the queue empty; null when none wait. */
  take(): TakenGroup | null;
}

export function groupQueue<A>(kind: GroupKind<A>): GroupQueue {
  let pending: Pending<A>[] = [];
  return {
    defer(m, slot) {
      if (m.name !== kind.name) return false;
      const args = kind.parse(m);
      if (args === null) return false;
      pending.push({ m, args, slot });
      return true;
    },
    holds: (key) => pending.some((p) => p.m.key === key),
    get size() {
      return pending.length;
    },
    mustFlushBefore: (name) =>
      pending.length > 0 && name !== kind.name && !kind.commutesWith.has(name),
    take() {
      if (pending.length === 0) return null;
      const group = pending;
      pending = [];
      return { items: group, flush: (tx, ctx) => kind.flush(tx, ctx, group) };
    },
  };
}

/** Mutations that touch no member's identity (no sign-up, erasure, consent, merge). */
export const KEEP_MEMBERS: ReadonlySet<string> = new Set([
  'logTryOn',
  'setPreference',
  'earnPoints',
  'redeemPoints',
  'recordSale',
  'recordNps',
  'staffRequest',
  'updateStaffRequest',
]);

/** An applied outcome with this result. */
export const applied = (result: unknown): StoredResult => ({
  status: 'applied',
  result,
  error: null,
  compensation: null,
  staffTask: null,
});

/** The members `ids` name: from the push's lookup, the others looked up now, in one query. */
export async function membersNamed(
  tx: Queryable,
  ctx: GroupContext,
  ids: readonly string[],
): Promise<ReadonlyMap<string, NamedMember>> {
  const missing = [...new Set(ids)].filter((id) => !ctx.members?.has(id));
  if (missing.length === 0 && ctx.members) return ctx.members;
  return new Map([...(ctx.members ?? []), ...(await resolveMembers(tx, missing))]);
}

/** Whether every text is ASCII: then JavaScript's string order and COLLATE "C" agree. */
export const isAscii = (...texts: readonly string[]): boolean =>
  // eslint-disable-next-line no-control-regex
  texts.every((t) => /^[\x00-\x7f]*$/.test(t));

/**
 * `args` naming the permanent member (a provisional id resolved), or null when that member is
 * another store's or cannot be looked up: such a mutation needs its presence ticket checked, so
 * its group goes the ordinary way. Args naming nobody stay as they are.
 */
function withOwnMember<A extends { memberId: string | null }>(
  args: A,
  named: ReadonlyMap<string, NamedMember>,
  storeId: string,
): A | null {
  if (args.memberId === null) return args;
  const member = named.get(args.memberId);
  if (!member || (member.known && member.homeStore !== storeId)) return null;
  return { ...args, memberId: member.memberId };
}

/** Each mutation's args naming its (this store's) member, or null if one names another store's. */
export async function argsWithOwnMembers<A extends { memberId: string | null }>(
  tx: Queryable,
  ctx: GroupContext,
  group: readonly Pending<A>[],
): Promise<A[] | null> {
  const named = await membersNamed(
    tx,
    ctx,
    group.flatMap((p) => p.args.memberId ?? []),
  );
  const out: A[] = [];
  for (const p of group) {
    const args = withOwnMember(p.args, named, ctx.device.storeId);
    if (!args) return null;
    out.push(args);
  }
  return out;
}
