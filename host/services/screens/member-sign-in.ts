/**
 * A member on this visit: signed in by QR token or card from the local members cache (and, when
 * the cache does not know them, from the member cloud: member-lookup.ts), or just joined. The
 * session records who it is (core/sessions `identify`) and every card shown gets the member price.
 */
import { identifyMember, type IdentifyInput, type MemberView } from '../../../core/members';
import type { DataKey } from '../../../core/crypto/data-key';
import { identify } from '../../../core/sessions';
import { readOnly, type WritableDB } from '../../../core/store/db';
import type { GarmentShelf } from './garments';
import type { Visit } from './visit';

/** Puts a known member on this visit and says so with `notice`. */
export type AttachMember = (
  member: MemberView,
  notice: 'member-signed-in' | 'member-joined',
) => void;

export function createMemberAttach(deps: {
  db: WritableDB;
  visit: Visit;
  shelf: GarmentShelf;
  ensureSession(): string;
  now(): Date;
}): AttachMember {
  const { visit } = deps;
  return (member, notice) => {
    const sessionId = deps.ensureSession();
    if (!identify(deps.db, sessionId, member.memberId, deps.now()).ok) {
      visit.notify('member-not-found');
      return;
    }
    visit.attachMember(member);
    visit.notify(notice);
    deps.shelf.reprice();
  };
}

/** The member cloud as sign-in sees it (member-lookup.ts). */
export interface CloudSignIn {
  /** Whether a cached member must be looked up first (another store's, without a valid ticket). */
  needsTicket(member: MemberView): boolean;
  /** Asks the member cloud; false when there is no cloud to ask. */
  tryLookup(input: IdentifyInput): boolean;
}

/**
 * Signs a shopper in by QR token or card; a member not cached here, or cached from another store
 * without a presence ticket valid now, is asked of the cloud (asynchronously; the answer signs
 * them in).
 */
export function createMemberSignIn(deps: {
  db: WritableDB;
  key: DataKey;
  visit: Visit;
  attach: AttachMember;
  cloud: CloudSignIn;
}): (input: IdentifyInput) => void {
  const read = readOnly(deps.db);
  return (input) => {
    const result = identifyMember(read, deps.key, input);
    const ask = result.ok
      ? deps.cloud.needsTicket(result.value)
      : result.error.code === 'not-found';
    if (ask && deps.cloud.tryLookup(input)) return;
    if (result.ok) deps.attach(result.value, 'member-signed-in');
    else deps.visit.notify('member-not-found');
  };
}
