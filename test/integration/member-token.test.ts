/**
 * Issue 11 item 10: one member-token format (sync/protocol/member-token.ts) for the cloud that
 * issues it and the decoder that reads it. A member joins at a kiosk; the cloud confirms them and
 * issues their QR token; another kiosk of the store pulls the member, and scanning that token there
 * signs the member in.
 */
import { describe, expect, it } from 'vitest';
import { joinMember } from '../../core/members';
import { decode } from '../../device/decode';
import { permanentMemberId } from '../../sync/member-ids';
import { useFaultEnvironment } from '../faults/support/environment';
import { checkoutScreen, enrolledKiosk } from '../faults/support/in-process';

const env = useFaultEnvironment();

describe('a member QR token the cloud issued', () => {
  it('decodes at a kiosk and signs in the member who joined at another kiosk', async () => {
    const joiner = await enrolledKiosk(env.newDir('token-join-'), env.cloud);
    const scanner = await enrolledKiosk(env.newDir('token-scan-'), env.cloud);
    try {
      expect((await joiner.sync()).ok).toBe(true);
      const joined = joinMember(
        joiner.db,
        joiner.key,
        { phone: '139 8765 4321', consentProfile: true, consentMarketing: false },
        {
          storeId: 'S001',
          now: new Date(),
          hlc: `${String(Date.now()).padStart(18, '0')}-0001-kiosk`,
        },
      );
      if (!joined.ok) throw new Error(joined.error.code);
      expect((await joiner.sync()).ok).toBe(true);
      const memberId = permanentMemberId(joiner.db, joined.value.memberId);
      const [issued] = await env.cloud.query<{ qr_token: string }>(
        'SELECT qr_token FROM members WHERE member_id = $1',
        [memberId],
      );
      const token = issued?.qr_token ?? '';
      expect(decode(token)).toEqual({ ok: true, kind: 'member', token });

      expect((await scanner.sync()).ok).toBe(true); // the members stream brings the new member
      const screen = checkoutScreen(scanner);
      const view = screen.handleScan(new TextEncoder().encode(`${token}\r`));
      expect(view.member).not.toBeNull();
      expect(
        scanner.db
          .prepare('SELECT member_id FROM sessions WHERE session_id = ?')
          .get(view.sessionId ?? ''),
      ).toEqual({ member_id: memberId });
      screen.close();
    } finally {
      joiner.close();
      scanner.close();
    }
  }, 120_000);
});
