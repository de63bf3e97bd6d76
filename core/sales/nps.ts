/**
 * The one optional "how likely are you to recommend us" answer after a sale: its own row
 * (`nps_responses`, one per sale) and its `recordNps` outbox entry, in one transaction. Anonymous.
 */
import { randomUUID } from 'node:crypto';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';

export interface NpsInput {
  saleId: string;
  storeId: string;
  /** 0–10. */
  score: number;
  now: Date;
  hlc: string;
}

export function recordNps(db: WritableDB, input: NpsInput): { npsId: string } {
  const npsId = randomUUID();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO nps_responses (nps_id, sale_id, store_id, member_id, score, created_at)
       VALUES (?, ?, ?, NULL, ?, ?)`,
    ).run(npsId, input.saleId, input.storeId, input.score, input.now.toISOString());
    enqueue(
      db,
      {
        name: 'recordNps',
        version: 1,
        idempotencyKey: `recordNps:${npsId}`,
        args: { npsId, score: input.score, comment: null, memberId: null },
        hlc: input.hlc,
      },
      input.now,
    );
  });
  return { npsId };
}
