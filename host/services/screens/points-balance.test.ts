import { describe, expect, it } from 'vitest';

import { readOnly } from '../../../core/store/db';

import { memberPoints } from '../../../core/members';
import { enqueue } from '../../../core/outbox/outbox';

import { scanBytes, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;
const bytes = scanBytes;
const MEMBER = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003, 19960 points
const now = new Date('2026-11-24T08:00:00Z');

function checkout(connectivity: string) {
  // The cloud is away but the payment provider answers (its own uplink).
  return demo.service(
    'checkout',
    { offlinePointsDailyCap: 3000, payment: 'sim' },
    { connectivity: () => connectivity, now: () => now },
  ).s;
}

describe('points offline', () => {
  it('caps redemption per member and day offline, counts it as pending, and shows the balance after paying', async () => {
    const s = checkout('offline');
    s.handleScan(bytes('6970001000016'));
    s.handleScan(bytes(MEMBER));
    expect(s.current().cart?.pointsRedeemable).toBe(3000);
    const capped = s.checkout.redeemPoints(10_000).cart;
    expect(capped?.pointsToRedeem).toBe(3000);
    s.handleScan(bytes('134567890123456789'));
    await new Promise((r) => setTimeout(r, 30));
    const paid = s.current().cart;
    expect(paid?.payment.state).toBe('paid');
    expect(paid?.pointsBalance).toBe(19960 - 3000 + (paid?.pointsEarned ?? 0));
    s.end();

    s.handleScan(bytes('6970001000016'));
    s.handleScan(bytes(MEMBER));
    expect(s.current().cart?.pointsRedeemable).toBe(0); // today's cap is used up
    s.close();

    const online = checkout('online');
    online.handleScan(bytes('6970001000016'));
    online.handleScan(bytes(MEMBER));
    expect(online.current().cart?.pointsRedeemable).toBeGreaterThan(3000);
    online.close();

    const state = memberPoints(
      readOnly(db),
      { memberId: 'M000003', points: 19960 },
      {
        now,
        dailyCap: 5000,
        online: false,
      },
    );
    expect(state.allowance).toBe(2000);
    db.raw
      .prepare("UPDATE outbox SET state = 'acked' WHERE mutation IN ('redeemPoints', 'earnPoints')")
      .run();
    const synced = memberPoints(
      readOnly(db),
      { memberId: 'M000003', points: 16960 },
      {
        now: new Date('2026-11-25T08:00:00Z'),
        dailyCap: 5000,
        online: false,
      },
    );
    expect(synced).toEqual({ balance: 16960, allowance: 5000 });
  });
});

describe('points of a member who joined offline', () => {
  it('counts ledger entries written under the provisional id once the cloud gave the permanent one', () => {
    const at = '2026-11-24T09:00:00.000Z';
    db.raw
      .prepare(
        `INSERT INTO points_ledger (entry_id, member_id, sale_id, delta, reason, created_at)
         VALUES ('e-prv-1', 'PRV-ABC', 'sale-prv-1', -400, 'redeem', ?),
                ('e-prv-2', 'PRV-ABC', 'sale-prv-1', 120, 'earn', ?)`,
      )
      .run(at, at);
    // Each entry was written with its outbox row, still waiting for the cloud.
    db.transaction(() => {
      for (const [reason, points] of [
        ['redeem', 400],
        ['earn', 120],
      ] as const)
        enqueue(db, {
          name: reason === 'redeem' ? 'redeemPoints' : 'earnPoints',
          version: 1,
          idempotencyKey: `${reason}Points:sale-prv-1`,
          args: { memberId: 'PRV-ABC', saleId: 'sale-prv-1', points },
          hlc: `00000176400000000${reason === 'redeem' ? 1 : 2}-0000-kiosk-1`,
        });
    });
    const options = { now: new Date(at), dailyCap: 5000, online: false };
    const before = memberPoints(readOnly(db), { memberId: 'M900001', points: 1000 }, options);
    expect(before).toEqual({ balance: 1000, allowance: 1000 }); // no alias yet: not this member's
    db.raw
      .prepare(
        `INSERT INTO member_aliases (provisional_id, member_id, merged, confirmed_at)
         VALUES ('PRV-ABC', 'M900001', 0, ?)`,
      )
      .run(at);
    const after = memberPoints(readOnly(db), { memberId: 'M900001', points: 1000 }, options);
    expect(after).toEqual({ balance: 1000 - 400 + 120, allowance: 600 });
  });
});
