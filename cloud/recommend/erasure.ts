/**
 * What an erasure does to recommendations, in the erasure's transaction: the member's past sales
 * and try-ons in the brand's history lose the link to them (they stay as anonymous events), and
 * their picks leave the `model` stream at once, so every kiosk drops its copy on its next pull.
 */
import type { Queryable } from '../db/db';
import { forgetModelMember } from './model-stream';

export async function eraseFromRecommendations(tx: Queryable, memberId: string): Promise<void> {
  await tx.query('UPDATE history_transactions SET member_id = NULL WHERE member_id = $1', [
    memberId,
  ]);
  await tx.query('UPDATE history_tryons SET member_id = NULL WHERE member_id = $1', [memberId]);
  await forgetModelMember(tx, memberId);
}
