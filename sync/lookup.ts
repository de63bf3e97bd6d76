/**
 * Online member look-up for a member not in the kiosk cache (a visitor from another store): asks
 * the cloud, and caches the answer like a `members` stream row (personal data sealed), so the
 * member can be served offline later in the session. Not found = null; network trouble = error.
 */
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import { applyRow } from './apply-rows';
import type { CloudClient } from './cloud-client';
import type { HttpResult } from './http-client';
import type { Member } from './protocol';

export async function lookupMemberOnline(
  deps: { db: WritableDB; key: DataKey; client: CloudClient; token: string; now?: () => Date },
  by: { memberId: string } | { cardNo: string } | { qrToken: string },
): Promise<HttpResult<{ member: Member; cached: boolean } | null>> {
  const answer = await deps.client.lookupMember(deps.token, by);
  if (!answer.ok || answer.value === null) return answer.ok ? { ok: true, value: null } : answer;
  const member = answer.value;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const cached = deps.db.transaction(() =>
    applyRow(
      { db: deps.db, key: deps.key },
      'members',
      { key: member.memberId, op: 'upsert', data: { ...member } },
      at,
    ),
  );
  return { ok: true, value: { member, cached } };
}
