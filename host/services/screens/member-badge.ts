/** A member as a screen shows them: family name only, tier, points, whether profiling is allowed. */
import type { SessionView } from '../../../bridge/views';
import type { MemberView } from '../../../core/members';

/** Family name only: "赵萍" → "赵*", "Ada Lovelace" → "A*". */
export function maskedName(name: string | null): string {
  const first = name ? [...name.trim()][0] : undefined;
  return first ? `${first}*` : '*';
}

export type TierName = (tier: string) => { zh: string; en: string };

export function memberBadge(member: MemberView | null, tierName: TierName): SessionView['member'] {
  if (!member) return null;
  return {
    displayName: maskedName(member.name),
    tier: member.tier,
    tierName: tierName(member.tier),
    points: member.points,
    consentProfile: member.consentProfile,
  };
}
