/**
 * Online member look-up for a member this kiosk has not cached, or a member of another store whose
 * presence ticket is missing or expired: asks the cloud by the credential the shopper presented
 * and caches the answer like a `members` stream row (personal data sealed). The answer carries no
 * credential: the cache learns the hash of the one presented here, and keeps any it had. The
 * presence ticket is kept sealed with the member (core/members/presence.ts) so every mutation for
 * the member written while it is valid — offline too — carries it. Not found = null (also for a
 * credential that cannot be one, without asking); network trouble = error.
 */
import type { DataKey } from '../core/crypto';
import { savePresence } from '../core/members/presence';
import type { WritableDB } from '../core/store/db';
import { cachedCredentialHashes, keepCredentialHashes } from '../core/sync-store/member-rows';
import { applyRow } from './apply-rows';
import type { CloudClient } from './cloud-client';
import type { HttpResult } from './http-client';
import {
  MemberLookupRequestSchema,
  PRESENCE_TICKET_TTL_MS,
  type LookedUpMember,
  type MemberLookupRequest,
} from './protocol';

export async function lookupMemberOnline(
  deps: { db: WritableDB; key: DataKey; client: CloudClient; token: string; now?: () => Date },
  by: MemberLookupRequest,
): Promise<HttpResult<{ member: LookedUpMember; cached: boolean } | null>> {
  if (!MemberLookupRequestSchema.safeParse(by).success) return { ok: true, value: null };
  const answer = await deps.client.lookupMember(deps.token, by);
  if (!answer.ok || answer.value === null) return answer.ok ? { ok: true, value: null } : answer;
  const { member, presence } = answer.value;
  const now = (deps.now ?? (() => new Date()))();
  const id = member.memberId;
  const cached = deps.db.transaction(() => {
    const known = cachedCredentialHashes(deps.db, id);
    const presented = {
      cardNo: 'cardNo' in by ? by.cardNo : null,
      qrToken: 'qrToken' in by ? by.qrToken : null,
    };
    const row = { key: id, op: 'upsert' as const, data: { ...member, ...presented } };
    const applied = applyRow({ db: deps.db, key: deps.key }, 'members', row, now.toISOString());
    if (!applied) return false;
    keepCredentialHashes(deps.db, id, known);
    // Never longer than the protocol's validity, whatever the answer says.
    const latest = now.getTime() + PRESENCE_TICKET_TTL_MS;
    const expiresAt = new Date(Math.min(Date.parse(presence.expiresAt), latest));
    savePresence(deps.db, deps.key, id, { ticket: presence.ticket, expiresAt });
    return true;
  });
  return { ok: true, value: { member, cached } };
}
