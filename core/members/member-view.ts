/** What the kiosk shows and uses of a member, decrypted; and the consent gate over it. */
export interface MemberView {
  memberId: string;
  name: string | null;
  /** As stored: usually masked, e.g. '175****5849'. */
  phone: string | null;
  /** 'MM-DD'. */
  birthday: string | null;
  gender: 'F' | 'M' | 'U' | null;
  tier: string;
  /** Balance at the last sync; pending local changes are not included. */
  points: number;
  homeStore: string | null;
  joinedOn: string | null;
  consentProfile: boolean;
  consentMarketing: boolean;
  erased: boolean;
}

/**
 * Whether this member's history, preferences and recommendations may be used or shown. Without
 * `consent_profile` the kiosk treats them as an anonymous shopper who happens to get member prices.
 */
export function canUseProfile(member: Pick<MemberView, 'consentProfile' | 'erased'>): boolean {
  return member.consentProfile && !member.erased;
}

/** Whether marketing (offers, e-mails, "new in your size") may be addressed to this member. */
export function canMarketTo(member: Pick<MemberView, 'consentMarketing' | 'erased'>): boolean {
  return member.consentMarketing && !member.erased;
}

/** The member id to use for history and preference queries, or null when consent forbids it. */
export function profileScope(member: MemberView | null): string | null {
  return member && canUseProfile(member) ? member.memberId : null;
}
