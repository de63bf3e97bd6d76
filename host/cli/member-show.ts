/**
 * `kiosk member show <id>`: what staff may see of a member — tier and points always; RFM segment
 * and preferences only when the member consented to profile use. Name and phone stay masked.
 */
import type { ReadableDB } from '../../core/store/db';
import type { DataKey } from '../../core/crypto/data-key';
import { canUseProfile } from '../../core/members';
import { memberById } from '../../core/members/identify';
import { memberRfm } from '../../core/rfm-store';
import { preferencesOf } from '../../core/sessions/preferences';

export function memberSummary(db: ReadableDB, key: DataKey, memberId: string, now: Date) {
  const member = memberById(db, key, memberId);
  if (!member) return null;
  const profile = canUseProfile(member);
  return {
    member: member.memberId,
    tier: member.tier,
    points: member.points,
    phone: member.phone,
    consentProfile: member.consentProfile,
    consentMarketing: member.consentMarketing,
    rfm: profile ? memberRfm(db, member.memberId, now) : null,
    preferences: profile ? preferencesOf(db, member.memberId) : null,
    ...(profile ? {} : { note: 'no-consent: segment and preferences are not shown' }),
  };
}
