/**
 * A launched campaign's numbers per arm: members, redeemers, revenue (net sales lines in every
 * channel from the schedule's start to `asOf`, from the HQ sale-line facts), and the uplift.
 */
import type { Queryable } from '../db/db';
import type { CampaignResult } from '../hq-api';
import { uplift } from './uplift';

type Arm = CampaignResult['treatment'];

export async function measure(
  q: Queryable,
  campaignId: string,
  from: string,
  asOf: string,
): Promise<Pick<CampaignResult, 'treatment' | 'control' | 'uplift'>> {
  const { rows } = await q.query<{ arm: string; revenue: number; redeemed: boolean }>(
    `SELECT cm.arm,
       coalesce((SELECT sum(l.net_cents) FROM hq_sale_lines l
         WHERE l.member_key = cm.member_id AND l.day BETWEEN $2::date AND $3::date), 0)::float8 AS revenue,
       EXISTS (SELECT 1 FROM coupon_redemptions r JOIN campaigns c ON c.coupon_code = r.coupon_code
         WHERE c.campaign_id = cm.campaign_id AND r.member_id = cm.member_id) AS redeemed
     FROM campaign_members cm WHERE cm.campaign_id = $1`,
    [campaignId, from, asOf],
  );
  const values = (arm: string) => rows.filter((r) => r.arm === arm).map((r) => Number(r.revenue));
  const arm = (name: string): Arm => {
    const revenue = values(name);
    const members = revenue.length;
    const redeemers = rows.filter((r) => r.arm === name && r.redeemed).length;
    const total = revenue.reduce((s, x) => s + x, 0);
    return {
      members,
      redeemers,
      redemptionRate: members ? redeemers / members : null,
      revenueCents: Math.round(total),
      revenuePerMemberCents: members ? total / members : null,
    };
  };
  return {
    treatment: arm('treatment'),
    control: arm('control'),
    uplift: uplift(values('treatment'), values('control')),
  };
}
