/**
 * Sign-in of a member this kiosk has not cached (a visitor from another store, a member who joined
 * elsewhere today): after the local cache says "not found", the member cloud is asked by card
 * number or QR token. The answer is cached by the sync side and the member attached to the visit
 * when it arrives, unless that visit ended (or another member signed in) meanwhile. Offline, the
 * shopper is told calmly that the look-up needs the network and what they can do instead.
 * A cached member of another store is asked for the same way when their presence ticket is missing
 * or expired: the cloud applies nothing for them from this kiosk without one (docs/security.md).
 */
import {
  cardNumberFromInput,
  hasPresence,
  memberById,
  type IdentifyInput,
  type MemberView,
} from '../../../core/members';
import type { ReadableDB } from '../../../core/store/db';
import type { ScreenCore } from './screen-service';

export type MemberLookupOutcome =
  | { kind: 'found'; memberId: string }
  | { kind: 'not-found' }
  | { kind: 'unreachable' }
  | { kind: 'not-enrolled' };

/** Asks the member cloud (host/sync-service.ts); the answer is already cached when it resolves. */
export type LookupMemberOnline = (
  by: { cardNo: string } | { qrToken: string },
) => Promise<MemberLookupOutcome>;

export function createOnlineMemberLookup(
  core: ScreenCore,
  deps: {
    read: ReadableDB;
    lookup: LookupMemberOnline | undefined;
    attach(member: MemberView, notice: 'member-signed-in'): void;
  },
) {
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
    const visit = core.visit;
    const memberBefore = visit.member;
    let outcome: MemberLookupOutcome;
    try {
      outcome = deps.lookup ? await deps.lookup(by) : { kind: 'not-enrolled' };
    } catch {
      outcome = { kind: 'unreachable' };
    }
    // The shopper left (the visit was wiped) or someone else signed in: the answer is dropped.
    if (core.visit !== visit || visit.member !== memberBefore) return;
    const member =
      outcome.kind === 'found' ? memberById(deps.read, core.options.key, outcome.memberId) : null;
    if (member) deps.attach(member, 'member-signed-in');
    else core.notify(outcome.kind === 'unreachable' ? 'member-lookup-offline' : 'member-not-found');
    core.changed();
  }

  return {
    /** Whether a cached member must be looked up first: another store's, without a valid ticket. */
    needsTicket(member: MemberView): boolean {
      return (
        deps.lookup !== undefined &&
        member.homeStore !== core.options.config.storeId &&
        !hasPresence(deps.read, member.memberId, core.now())
      );
    },
    /**
     * Called when the local cache does not know the member (or `needsTicket`). True when the cloud is being asked
     * (or the shopper was told it cannot be now); false when there is no cloud to ask.
     */
    tryLookup(input: IdentifyInput): boolean {
      const by = identifier(input);
      const connectivity = core.options.connectivity?.() ?? 'not-enrolled';
      if (!by || !deps.lookup || connectivity === 'not-enrolled') return false;
      if (connectivity !== 'online') {
        core.notify('member-lookup-offline');
        return true;
      }
      core.notify('member-looking-up');
      last = ask(by);
      return true;
    },
    /** The latest look-up's completion (tests wait on it). */
    settled: () => last,
  };
}
