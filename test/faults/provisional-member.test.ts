/**
 * A member who joined at the kiosk offline (PRV-…): once the cloud confirms the sign-up, the kiosk
 * moves the member's local rows to the permanent id, keeps the ledger under an alias, and the
 * welcome points and coupon queued with the provisional id land on the permanent member.
 */
import { describe, expect, it } from 'vitest';
import { openMemberPii } from '../../core/members/pii';
import { enqueue } from '../../core/outbox/outbox';
import { joinMember } from '../../core/members';
import { permanentMemberId } from '../../sync/member-ids';

import { check } from './support/checker';

import { enrolledKiosk } from './support/in-process';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();
const dir = env.newDir('kiosk-prv-');

const hlc = (n: number) =>
  `${String(Date.now()).padStart(18, '0')}-${String(n).padStart(4, '0')}-kiosk`;

describe('provisional member → permanent id', () => {
  it('moves local rows, aliases the ledger, and the welcome coupon and points reach the permanent member', async () => {
    const k = await enrolledKiosk(dir, env.cloud);
    try {
      expect((await k.sync()).ok).toBe(true); // stores, tiers, members of S001
      const now = new Date();
      const joined = joinMember(
        k.db,
        k.key,
        { phone: '139 1234 5678', consentProfile: true, consentMarketing: true },
        { storeId: 'S001', now, hlc: hlc(1) },
      );
      if (!joined.ok) throw new Error(joined.error.code);
      const prv = joined.value.memberId;
      expect(prv).toMatch(/^PRV-/);
      k.db.transaction(() => {
        k.db
          .prepare(
            `INSERT INTO sessions (session_id, kind, store_id, member_id, started_at, last_activity_at)
             VALUES ('V-1', 'checkout', 'S001', ?, ?, ?)`,
          )
          .run(prv, now.toISOString(), now.toISOString());
        k.db
          .prepare(
            `INSERT INTO preferences (member_id, key, value, hlc) VALUES (?, 'size.top', '"M"', ?)`,
          )
          .run(prv, hlc(2));
        k.db
          .prepare(
            `INSERT INTO points_ledger (entry_id, member_id, sale_id, delta, reason, created_at)
             VALUES ('earn:welcome-1', ?, NULL, 100, 'earn', ?)`,
          )
          .run(prv, now.toISOString());
        enqueue(k.db, {
          name: 'earnPoints',
          version: 1,
          idempotencyKey: 'earn:welcome-1',
          args: { earnId: 'welcome-1', memberId: prv, points: 100, saleId: null },
          hlc: hlc(3),
        });
        enqueue(k.db, {
          name: 'redeemCoupon',
          version: 1,
          idempotencyKey: 'coupon:welcome-1',
          args: {
            redemptionId: 'welcome-1',
            couponCode: 'WELCOME50',
            memberId: prv,
            saleId: null,
            discountCents: 5000,
          },
          hlc: hlc(4),
        });
      });

      const report = await k.sync();
      expect(report).toMatchObject({ ok: true, pushed: 3 });
      const permanent = permanentMemberId(k.db, prv);
      expect(permanent).toMatch(/^M\d+$/);
      const row = k.db
        .prepare<
          [string],
          {
            member_id: string;
            name_enc: Buffer;
            phone_enc: Buffer;
            birthday_enc: Buffer | null;
            points: number;
          }
        >(
          'SELECT member_id, name_enc, phone_enc, birthday_enc, points FROM members WHERE member_id = ?',
        )
        .get(permanent);
      expect(row?.points).toBe(100); // the members stream brought the server's balance
      if (!row) throw new Error('no permanent row');
      expect(openMemberPii(k.key, permanent, row).phone).toMatch(/5678$/);
      expect(
        k.db.prepare('SELECT count(*) AS n FROM members WHERE member_id = ?').get(prv),
      ).toEqual({ n: 0 });
      expect(k.db.prepare("SELECT member_id FROM sessions WHERE session_id = 'V-1'").get()).toEqual(
        {
          member_id: permanent,
        },
      );
      expect(k.db.prepare('SELECT member_id FROM preferences').all()).toEqual([
        { member_id: permanent },
      ]);
      // the ledger is append-only: it keeps the provisional id, read through the alias
      expect(k.db.prepare('SELECT member_id FROM points_ledger').get()).toEqual({ member_id: prv });

      expect(
        await env.cloud.query('SELECT member_id FROM coupon_redemptions WHERE redemption_id = $1', [
          'welcome-1',
        ]),
      ).toEqual([{ member_id: permanent }]);
      expect(
        await env.cloud.query('SELECT points FROM members WHERE member_id = $1', [permanent]),
      ).toEqual([{ points: 100 }]);
      expect(await check(env.cloud, [k.db])).toEqual([]);
      // a second run changes nothing more
      expect((await k.sync()).ok).toBe(true);
      expect(k.db.prepare('SELECT count(*) AS n FROM member_aliases').get()).toEqual({ n: 1 });
    } finally {
      k.close();
    }
  }, 120_000);
});
