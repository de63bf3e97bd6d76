/**
 * The member panel a signed-in staff member opens by scanning or typing a member card or QR code:
 * masked name, tier, points balance (as this kiosk can vouch for it) always; RFM segment,
 * preferences and recent purchases only when the member consented to profile use. The consent
 * rules and the RFM/preferences assembly are the CLI's `memberSummary` (one place for both).
 */
import type { MemberOfferView, MemberPanelView } from '../../../bridge/views';
import type { Catalog } from '../../../core/catalog/lookup';
import type { DataKey } from '../../../core/crypto/data-key';
import type { MemberView } from '../../../core/members';
import type { PreferenceValue } from '../../../core/sessions/preferences';
import type { ReadableDB } from '../../../core/store/db';
import { memberSummary } from '../../cli/member-show';
import { memberPoints } from '../../../core/members';
import { recentPurchases } from '../../../core/sales';
import { maskedName } from './member-badge';

const RECENT = 5;

export interface PanelContext {
  db: ReadableDB;
  key: DataKey;
  catalog: Catalog;
  tierName(tier: string): { zh: string; en: string };
  now: Date;
  dailyCap: number;
  online: boolean;
  /** The member's waiting campaign offers (member-offers.ts, staff audience). */
  offers(member: MemberView): MemberOfferView[];
}

/** A preference value as one line of text: lists joined, objects as JSON. */
export function preferenceText(value: PreferenceValue): string {
  if (Array.isArray(value)) return value.map(preferenceText).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The panel for a member already identified; null when the member is gone (erased meanwhile). */
export function memberPanel(ctx: PanelContext, member: MemberView): MemberPanelView | null {
  const summary = memberSummary(ctx.db, ctx.key, member.memberId, ctx.now);
  if (!summary) return null;
  const points = memberPoints(ctx.db, member, {
    now: ctx.now,
    dailyCap: ctx.dailyCap,
    online: ctx.online,
  });
  const consented = summary.rfm !== null || summary.preferences !== null;
  return {
    memberId: member.memberId,
    displayName: maskedName(member.name),
    tier: summary.tier,
    tierName: ctx.tierName(summary.tier),
    points: points.balance,
    consentProfile: consented,
    offers: ctx.offers(member),
    profile: consented
      ? {
          rfm: summary.rfm
            ? {
                recencyDays: summary.rfm.recencyDays,
                frequency: summary.rfm.frequency,
                monetaryCents: summary.rfm.monetaryCents,
                r: summary.rfm.r,
                f: summary.rfm.f,
                m: summary.rfm.m,
                segment: summary.rfm.segment,
                label: summary.rfm.label,
              }
            : null,
          preferences: Object.entries(summary.preferences ?? {})
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => ({ key, value: preferenceText(value) })),
          recentPurchases: recentPurchases(ctx.db, member.memberId, RECENT).map((row) => {
            const item = ctx.catalog.lookup(row.sku);
            return { ...row, name: item ? { zh: item.nameZh, en: item.nameEn } : null };
          }),
        }
      : null,
  };
}
