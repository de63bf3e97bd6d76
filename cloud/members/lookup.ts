/**
 * A kiosk finds a member only by a credential the shopper presents there (card number or QR token),
 * never by id. The answer is the member's stream row without its credentials, and a presence ticket
 * bound to the asking device and the member found (cloud/auth/presence.ts).
 */
import {
  LookedUpMemberSchema,
  type MemberLookupRequest,
  type MemberLookupResponse,
} from '../../sync/protocol';
import { issuePresenceTicket } from '../auth/presence';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Db } from '../db/db';
import { PROJECTIONS } from '../streams/projections';

export async function lookupMember(
  db: Db,
  device: DeviceIdentity,
  by: MemberLookupRequest,
  deps: { presenceSecret: Buffer; now: Date },
): Promise<MemberLookupResponse | null> {
  const [column, value] = 'cardNo' in by ? ['card_no', by.cardNo] : ['qr_token', by.qrToken];
  const { rows } = await db.query<{ data: unknown }>(
    `SELECT data FROM (${PROJECTIONS.member.select.replace('{where}', `${column} = $1`)}) s`,
    [value],
  );
  // Parsing with the credential-free schema drops cardNo and qrToken from the row.
  const member = LookedUpMemberSchema.safeParse(rows[0]?.data);
  if (!member.success) return null;
  return {
    member: member.data,
    presence: issuePresenceTicket(
      deps.presenceSecret,
      { deviceId: device.deviceId, memberId: member.data.memberId },
      deps.now,
    ),
  };
}
