/**
 * Member entry on a shopper screen beyond the scanner: a QR code read by the screen's camera (only
 * a member token is accepted from there) and joining at the kiosk.
 */
import type { SessionView } from '../../../bridge/views';
import type { IdentifyInput, MemberView } from '../../../core/members';
import { decode } from '../../../device/decode';
import { joinMember, type JoinInput } from '../../../core/members';
import type { ScreenCore } from './screen-service';

export function createMemberActions(
  core: ScreenCore,
  deps: {
    signIn(input: IdentifyInput): void;
    attach(member: MemberView, notice: 'member-signed-in' | 'member-joined'): void;
  },
) {
  const { config, db, key } = core.options;
  const begin = () => {
    core.visit.lastActivityMs = core.now().getTime();
    core.visit.notice = null;
  };
  return {
    /** A QR code read by the screen's camera: decoded like a scan, then only a member token counts. */
    cameraCode(text: string): SessionView {
      begin();
      const decoded = decode(new TextEncoder().encode(text), { memberBin: config.memberBin });
      if (config.role === 'staff' || !decoded.ok || decoded.kind !== 'member')
        core.notify('invalid');
      else deps.signIn({ kind: 'qr', token: decoded.token });
      return core.changed();
    },
    /** Not a member yet: joins with phone and consent, signs in, and the welcome coupon is offered. */
    join(input: JoinInput): SessionView {
      begin();
      if (config.role === 'staff' || core.visit.member) return core.changed();
      const joined = joinMember(db, key, input, {
        storeId: config.storeId,
        now: core.now(),
        hlc: core.stamp(),
      });
      if (!joined.ok) core.notify(joined.code === 'already-member' ? 'member-exists' : 'invalid');
      else deps.attach(joined.member, 'member-joined');
      return core.changed();
    },
  };
}
