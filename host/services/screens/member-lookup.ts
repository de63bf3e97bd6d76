/**
 * Sign-in of a member this kiosk has not cached (a visitor from another store, a member who joined
 * elsewhere today): after the local cache says "not found", the member cloud is asked by card
 * number or QR token. The answer is cached by the sync side and the member attached to the visit
 * when it arrives, unless that visit ended (or another member signed in) meanwhile. Offline, the
 * shopper is told calmly that the look-up needs the network and what they can do instead.
 * A cached member of another store is asked for the same way when their presence ticket is missing
 * or expired: the cloud applies nothing for them from this kiosk without one (docs/security.md).
 */
import type { SessionView } from '../../../bridge/views';
import type { DataKey } from '../../../core/crypto/data-key';
import {
  cardNumberFromInput,
  hasPresence,
  memberById,
  type IdentifyInput,
  type MemberView,
} from '../../../core/members';
import type { ReadableDB } from '../../../core/store/db';
import type { AttachMember } from './member-sign-in';
import type { Visit } from './visit';

export type MemberLookupOutcome =
  | { kind: 'found'; memberId: string }
  | { kind: 'not-found' }
  | { kind: 'unreachable' }
  | { kind: 'not-enrolled' };

/** Asks the member cloud (host/sync-service.ts); the answer is already cached when it resolves. */
export type LookupMemberOnline = (
  by: { cardNo: string } | { qrToken: string },
) => Promise<MemberLookupOutcome>;

export interface OnlineMemberLookupDeps {
  visit: Visit;
  read: ReadableDB;
  key: DataKey;
  /** This kiosk's store: its own members never need a presence ticket. */
  storeId: string;
  now(): Date;
  /** None: this kiosk asks no cloud (not wired, or a test). */
  lookup: LookupMemberOnline | undefined;
  connectivity(): string;
  attach: AttachMember;
  changed(): SessionView;
}

export function createOnlineMemberLookup(deps: OnlineMemberLookupDeps) {
  const { visit } = deps;
  let last: Promise<void> = Promise.resolve();

  function identifier(input: IdentifyInput): { cardNo: string } | { qrToken: string } | null {
    if (input.kind === 'qr') return { qrToken: input.token.trim() };
    if (input.kind === 'card') {
      const cardNo = cardNumberFromInput(input.number);
      return cardNo ? { cardNo } : null;
    }
    return null; // phone look-ups are staff-confirmed and local only
  }

  async function ask(by: { cardNo: string } | { qrToken: string }): Promise<void> {
    const generation = visit.generation;
    const memberBefore = visit.state.member;
    let outcome: MemberLookupOutcome;
    try {
      outcome = deps.lookup ? await deps.lookup(by) : { kind: 'not-enrolled' };
    } catch {
      outcome = { kind: 'unreachable' };
    }
    // The shopper left (the visit was wiped) or someone else signed in: the answer is dropped.
    if (visit.generation !== generation || visit.state.member !== memberBefore) return;
    const member =
      outcome.kind === 'found' ? memberById(deps.read, deps.key, outcome.memberId) : null;
    if (member) deps.attach(member, 'member-signed-in');
    else
      visit.notify(outcome.kind === 'unreachable' ? 'member-lookup-offline' : 'member-not-found');
    deps.changed();
  }

  return {
    /** Whether a cached member must be looked up first: another store's, without a valid ticket. */
    needsTicket(member: MemberView): boolean {
      return (
        deps.lookup !== undefined &&
        member.homeStore !== deps.storeId &&
        !hasPresence(deps.read, member.memberId, deps.now())
      );
    },
    /**
     * Called when the local cache does not know the member (or `needsTicket`). True when the cloud
     * is being asked (or the shopper was told it cannot be now); false when there is no cloud to ask.
     */
    tryLookup(input: IdentifyInput): boolean {
      const by = identifier(input);
      const connectivity = deps.connectivity();
      if (!by || !deps.lookup || connectivity === 'not-enrolled') return false;
      if (connectivity !== 'online') {
        visit.notify('member-lookup-offline');
        return true;
      }
      visit.notify('member-looking-up');
      last = ask(by);
      return true;
    },
    /** The latest look-up's completion (tests wait on it). */
    settled: () => last,
  };
}
