import type { Queryable } from '../db/db';

/**
 * True unless `code` is a campaign coupon and the member is not in that campaign's targeted arm:
 * a control member (or anyone else) presenting a campaign code is refused by the cloud too.
 */
export async function offeredTo(tx: Queryable, code: string, memberId: string): Promise<boolean> {
  const { rows } = await tx.query<{ offered: boolean }>(
    `SELECT c.campaign_id IS NULL OR EXISTS (SELECT 1 FROM campaign_members cm
       WHERE cm.campaign_id = c.campaign_id AND cm.member_id = $2 AND cm.arm = 'treatment') AS offered
     FROM coupons c WHERE c.code = $1`,
    [code, memberId],
  );
  return rows[0]?.offered ?? true;
}
