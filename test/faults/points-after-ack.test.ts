/**
 * The points a checkout shows between the cloud's acknowledgement of an earn/redemption and the
 * next members pull, against the real cloud: the shown balance is the synced cache plus this
 * kiosk's unacknowledged ledger rows, so the ack must carry the new server balance into the
 * cache (sync/apply-results), or the acked delta would vanish until the pull.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '../../cloud/streams/projections';
import { memberPoints } from '../../core/members';
import { checkoutScreen, demoKioskWithCloudForFile } from './support/in-process';

/** A member of this store (the members pull brings them) and one from another store (it never does). */
const HOME = { id: 'M000013', qr: 'MBR1.FAWSLKMBCD2UY7HC88H4', points: 16915 };
const VISITOR = { id: 'M000003', qr: 'MBR1.4N433GGMT6TCPAR4CTQP', points: 19960 }; // home S003
type Member = typeof HOME;
const bytes = (text: string) => new TextEncoder().encode(text);
const env = demoKioskWithCloudForFile('kiosk-points-ack-');

/** Pays one dress for the member at a checkout, redeeming `redeem` points. */
async function sale(member: Member, redeem: number): Promise<{ earned: number; redeemed: number }> {
  const s = checkoutScreen(env.k, { connectivity: 'online', lookupThrough: env.k });
  s.handleScan(bytes('6970001000016'));
  s.handleScan(bytes(member.qr));
  await s.memberLookupSettled();
  expect(s.current().member).not.toBeNull();
  if (redeem > 0) s.checkout.redeemPoints(redeem);
  s.handleScan(bytes('134567890123456789'));
  await expect.poll(() => s.current().cart?.payment.state).toBe('paid');
  const cart = s.current().cart;
  s.end();
  return { earned: cart?.pointsEarned ?? 0, redeemed: cart?.pointsToRedeem ?? 0 };
}

function shown(member: Member): number {
  const row = env.k.db
    .prepare<[string], { points: number }>('SELECT points FROM members WHERE member_id = ?')
    .get(member.id);
  return memberPoints(
    env.k.db,
    { memberId: member.id, points: row?.points ?? 0 },
    { now: new Date(), dailyCap: 20_000, online: true },
  ).balance;
}

async function sync(pushOnly: boolean) {
  const report = await env.k.sync({ pushOnly });
  expect(report).toMatchObject({ ok: true });
  return report;
}

async function serverBalance(member: Member): Promise<number> {
  const rows = await env.cloud.query<{ points: number }>(
    'SELECT points FROM members WHERE member_id = $1',
    [member.id],
  );
  return rows[0]?.points ?? -1;
}

describe('points between the ack and the next pull', () => {
  it.each([
    ['a member of this store', HOME],
    ['a member of another store, whom the members pull never brings', VISITOR],
  ])(
    '%s: right while pending, right after the ack, right after the pull',
    async (_, member) => {
      const before = shown(member);
      expect(before).toBe(member.points);
      const { earned, redeemed } = await sale(member, 1000);
      expect(earned).toBeGreaterThan(0);
      expect(redeemed).toBe(1000);
      const expected = before - redeemed + earned;
      expect(shown(member)).toBe(expected); // pending: cache + unacknowledged rows

      const pushed = await sync(true);
      expect(pushed.pushed).toBeGreaterThanOrEqual(3); // the sale, the redemption and the earn
      expect(
        env.k.db.prepare("SELECT count(*) AS n FROM outbox WHERE state != 'acked'").get(),
      ).toEqual({ n: 0 });
      expect(await serverBalance(member)).toBe(expected);
      expect(shown(member)).toBe(expected); // acked, not pulled: the ack brought the balance

      await sync(false);
      expect(shown(member)).toBe(expected); // pulled: never counted twice
    },
    60_000,
  );

  it('another kiosk earning after this ack shows up with the pull, and nothing is lost', async () => {
    const start = shown(HOME);
    const { earned } = await sale(HOME, 0);
    await sync(true);
    expect(shown(HOME)).toBe(start + earned);
    await env.cloud.cloud.db.transaction(async (tx) => {
      await tx.query("UPDATE members SET points = points + 7 WHERE member_id = 'M000013'");
      await publish(tx, 'member', 'member_id = $1', ['M000013']);
    });
    expect(shown(HOME)).toBe(start + earned);
    await sync(false);
    expect(shown(HOME)).toBe(start + earned + 7);
  }, 60_000);
});
