/**
 * Member entry on a shopper screen: the member card or QR token typed or read by the scanner
 * (`member.identify`), a QR code read by the screen's camera (only a member token is accepted
 * from there), and joining at the kiosk. The staff screen signs no shopper in.
 */
import type { SessionView } from '../../../bridge/views';
import type { DataKey } from '../../../core/crypto/data-key';
import { joinMember, type IdentifyInput, type JoinInput } from '../../../core/members';
import type { WritableDB } from '../../../core/store/db';
import { decode } from '../../../device/decode';
import type { AttachMember } from './member-sign-in';
import type { Visit } from './visit';

export interface MemberActionDeps {
  visit: Visit;
  db: WritableDB;
  key: DataKey;
  role: SessionView['role'];
  storeId: string;
  /** Our member cards' BIN (the decoder tells them from bank cards). */
  memberBin: string | undefined;
  signIn(input: IdentifyInput): void;
  attach: AttachMember;
  now(): Date;
  stamp(): string;
  changed(): SessionView;
}

export function createMemberActions(deps: MemberActionDeps) {
  const { visit } = deps;
  return {
    /** A member card or QR token given to a shopper screen. */
    signInMember(input: IdentifyInput): SessionView {
      visit.touch();
      if (deps.role !== 'staff') deps.signIn(input);
      return deps.changed();
    },
    /** A QR code read by the screen's camera: decoded like a scan, then only a member token counts. */
    cameraCode(text: string): SessionView {
      visit.begin();
      const decoded = decode(new TextEncoder().encode(text), { memberBin: deps.memberBin });
      if (deps.role === 'staff' || !decoded.ok || decoded.kind !== 'member')
        visit.notify('invalid');
      else deps.signIn({ kind: 'qr', token: decoded.token });
      return deps.changed();
    },
    /** Not a member yet: joins with phone and consent, signs in, and the welcome coupon is offered. */
    join(input: JoinInput): SessionView {
      visit.begin();
      if (deps.role === 'staff' || visit.state.member) return deps.changed();
      const joined = joinMember(deps.db, deps.key, input, {
        storeId: deps.storeId,
        now: deps.now(),
        hlc: deps.stamp(),
      });
      if (!joined.ok)
        visit.notify(joined.error.code === 'already-member' ? 'member-exists' : 'invalid');
      else deps.attach(joined.value, 'member-joined');
      return deps.changed();
    },
  };
}
