/**
 * The staff console on the demo store in a real SQLite file: member panel with and without
 * consent, guided session, price override by an associate approved by a supervisor, void, sync
 * now, and the audit rows a scripted shift leaves.
 */

import { beforeAll, describe, expect, it } from 'vitest';

import { ensureLocalModel } from '../../../core/recommend-store';

import { encodeSgtin96 } from '../../../device/sim/sgtin-encoder';
import { setPreference } from '../../../core/sessions/preferences';

import { scanBytes, tickingClock, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;
const bytes = scanBytes;

const CONSENT_TOKEN = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003, silver, consent_profile = 1
const NO_CONSENT_TOKEN = 'MBR1.SFR3Y3QMUG6LNJFAJ8C5'; // M000009, consent_profile = 0
const NO_CONSENT_CARD = '6280000000000099'; // M000009
const DRESS = '6970001000016'; // DRE001-WHT-XS, ¥789
const DRESS_SKU = 'DRE001-WHT-XS';

beforeAll(() => {
  ensureLocalModel(db);
  setPreference(db, {
    memberId: 'M000003',
    key: 'styles.liked',
    value: ['DRE001', 'KNI002'],
    hlc: '000001764000000000-0001-test',
    now: new Date('2026-11-20T08:00:00Z'),
  });
});
const clock = tickingClock();
const service = (role: 'mirror' | 'checkout' | 'staff') =>
  demo.service(role, { idleSeconds: 60 }, { now: clock }).s;

async function signIn(s: ReturnType<typeof service>, badge: string, pin: string) {
  s.handleScan(bytes(badge));
  return s.staff.login(pin);
}

const lastAuditId = () =>
  (db.raw.prepare('SELECT coalesce(max(audit_id), 0) AS n FROM audit').get() as { n: number }).n;
const auditSince = (id: number) =>
  db.raw
    .prepare(
      'SELECT actor, action, subject, detail FROM audit WHERE audit_id > ? ORDER BY audit_id',
    )
    .all(id) as Array<{ actor: string; action: string; subject: string | null; detail: string }>;

describe('member panel', () => {
  it('shows tier, points, RFM segment, preferences and purchases of a consenting member, audited', async () => {
    const s = service('staff');
    expect(s.handleScan(bytes(CONSENT_TOKEN)).staffDesk).toBeUndefined(); // nobody signed in
    await signIn(s, 'BADGE-1001', '2468');
    const mark = lastAuditId();
    const panel = s.handleScan(bytes(CONSENT_TOKEN)).staffDesk?.memberPanel;
    expect(panel).toMatchObject({
      memberId: 'M000003',
      displayName: '朱*',
      tier: 'silver',
      points: 19960,
      consentProfile: true,
    });
    expect(panel?.profile?.rfm?.segment).toMatch(/^[a-z-]+$/);
    expect(panel?.profile?.rfm?.frequency).toBeGreaterThan(0);
    expect(panel?.profile?.preferences).toEqual([{ key: 'styles.liked', value: 'DRE001, KNI002' }]);
    expect(panel?.profile?.recentPurchases.length).toBeGreaterThan(0);
    const dates = panel!.profile!.recentPurchases.map((p) => p.at);
    expect([...dates].sort().reverse()).toEqual(dates); // newest first
    expect(auditSince(mark)).toEqual([
      {
        actor: 'E1001',
        action: 'staff.member.view',
        subject: 'M000003',
        detail: JSON.stringify({ profileShown: true }),
      },
    ]);
    expect(s.current().member).toBeNull(); // a look-up is not a visit
    expect(s.staff.closeMember().staffDesk?.memberPanel).toBeNull();
    s.close();
  });

  it('without consent shows only tier and points; sign-out wipes the panel', async () => {
    const s = service('staff');
    await signIn(s, 'BADGE-1001', '2468');
    const byCard = s.staff.member({ kind: 'card', number: NO_CONSENT_CARD }).staffDesk?.memberPanel;
    expect(byCard).toEqual({
      memberId: 'M000009',
      displayName: '朱*',
      tier: 'regular',
      tierName: { zh: '普通会员', en: 'Member' },
      points: 443,
      consentProfile: false,
      offers: [],
      profile: null,
    });
    expect(s.handleScan(bytes(NO_CONSENT_TOKEN)).staffDesk?.memberPanel?.memberId).toBe('M000009');
    expect(s.staff.member({ kind: 'qr', token: 'MBR1.NOPE' }).notice?.key).toBe('member-not-found');
    expect(s.staff.logout().staffDesk).toBeUndefined();
    await signIn(s, 'BADGE-1001', '2468');
    expect(s.current().staffDesk?.memberPanel).toBeNull();
    s.close();
  });
});

describe('guided session', () => {
  it('shows scanned garments with suggestions, attaches the member, and ending it wipes it', async () => {
    const s = service('staff');
    expect(s.handleScan(bytes(DRESS)).cards).toEqual([]); // not signed in: nothing starts
    await signIn(s, 'BADGE-1001', '2468');
    const started = s.staff.guidedStart();
    expect(started.sessionId).not.toBeNull();
    const withCard = s.handleScan(bytes(DRESS));
    expect(withCard.cards.map((c) => c.sku)).toEqual([DRESS_SKU]);
    expect(withCard.suggestions.look.length).toBeGreaterThan(0);
    expect(withCard.suggestions.look[0]?.reason.zh).toBeTruthy();
    const withMember = s.handleScan(bytes(CONSENT_TOKEN));
    expect(withMember.member?.displayName).toBe('朱*');
    expect(withMember.staffDesk?.memberPanel?.memberId).toBe('M000003');
    expect(withMember.suggestions.forYou.length).toBeGreaterThan(0);
    const kind = db.raw
      .prepare('SELECT kind, member_id AS memberId FROM sessions WHERE session_id = ?')
      .get(started.sessionId) as { kind: string; memberId: string };
    expect(kind).toEqual({ kind: 'assisted', memberId: 'M000003' });
    const ended = s.staff.guidedEnd();
    expect(ended).toMatchObject({ sessionId: null, cards: [], member: null });
    expect(ended.staff?.staffId).toBe('E1001'); // still signed in
    expect(ended.staffDesk?.memberPanel).toBeNull();
    const row = db.raw
      .prepare('SELECT ended_at FROM sessions WHERE session_id = ?')
      .get(started.sessionId) as { ended_at: string | null };
    expect(row.ended_at).not.toBeNull();
    // A garment scanned while signed in starts a new one on its own.
    expect(s.handleScan(bytes(DRESS)).sessionId).not.toBeNull();
    s.close();
  });
});

describe('idle and RFID on the staff screen', () => {
  it('a tag entering adds a card to the guided session; idle ends it, wipes the panel, logs the sign-out', async () => {
    const s = service('staff');
    await signIn(s, 'BADGE-1001', '2468');
    s.handleScan(bytes(CONSENT_TOKEN));
    const tag = encodeSgtin96({ gtin: DRESS, serial: 7 });
    s.rfidEnter(tag);
    expect(s.current().cards.map((c) => c.sku)).toEqual([DRESS_SKU]);
    s.rfidLeave(tag);
    const mark = lastAuditId();
    clock.advance(61_000);
    s.checkIdle();
    expect(s.current()).toMatchObject({ sessionId: null, staff: null, cards: [] });
    expect(s.current().staffDesk).toBeUndefined();
    expect(auditSince(mark).map((r) => [r.action, JSON.parse(r.detail)])).toEqual([
      ['staff.logout', { reason: 'idle' }],
    ]);
    // Signing in again shows an empty desk: nothing of the last customer is left.
    await signIn(s, 'BADGE-1001', '2468');
    expect(s.current().staffDesk?.memberPanel).toBeNull();
    s.close();
  });
});

describe('price override and void at a checkout', () => {
  it("an associate's override waits; a supervisor approves; the sale records it", async () => {
    const s = service('checkout');
    s.handleScan(bytes(DRESS));
    s.handleScan(bytes('6970001000023'));
    await signIn(s, 'BADGE-1001', '2468');
    expect(s.staff.overridePrice(DRESS_SKU, 78900, 'damaged').notice?.key).toBe('override-refused'); // not lower
    expect(s.staff.overridePrice(DRESS_SKU, 99999, 'damaged').notice?.key).toBe('override-refused');
    expect(s.staff.overridePrice('NOT-IN-CART', 100, 'damaged').notice?.key).toBe(
      'override-refused',
    );
    const before = s.current().cart!.totalCents;
    const asked = s.staff.overridePrice(DRESS_SKU, 60000, 'damaged');
    expect(asked.notice?.key).toBe('supervisor-needed');
    expect(asked.cart?.totalCents).toBe(before);
    const approval = asked.approvals.find((a) => a.kind === 'price-override');
    expect(approval).toMatchObject({ sku: DRESS_SKU, status: 'waiting' });
    expect(asked.staffDesk?.overrides).toEqual([
      expect.objectContaining({
        sku: DRESS_SKU,
        fromCents: 78900,
        toCents: 60000,
        status: 'waiting',
      }),
    ]);
    expect(s.staff.decide(approval!.approvalId, true)).toBeNull(); // an associate cannot
    s.staff.logout();

    await signIn(s, 'BADGE-2001', '8642');
    expect(s.staff.decide(approval!.approvalId, true)?.status).toBe('approved');
    const cart = s.current().cart!;
    expect(cart.discounts[0]).toMatchObject({
      kind: 'price-override',
      code: DRESS_SKU,
      amountCents: 18900,
    });
    expect(cart.discounts[0]?.label.zh).toContain('破损');
    expect(cart.totalCents).toBe(before - 18900);
    expect(cart.subtotalCents - cart.discounts.reduce((a, d) => a + d.amountCents, 0)).toBe(
      cart.totalCents,
    );
    expect(s.current().staffDesk?.overrides[0]).toMatchObject({ status: 'applied' });

    s.handleScan(bytes('134567890123456789'));
    await new Promise((r) => setTimeout(r, 30));
    const paid = s.current().cart?.payment;
    expect(paid?.state).toBe('paid');
    const saleId = paid?.state === 'paid' ? paid.saleId : '';
    expect(
      db.raw.prepare('SELECT * FROM sale_price_overrides WHERE sale_id = ?').all(saleId),
    ).toEqual([
      expect.objectContaining({
        sku: DRESS_SKU,
        from_cents: 78900,
        to_cents: 60000,
        reason: 'damaged',
        requested_by: 'E1001',
        approved_by: 'E2001',
      }),
    ]);
    const sale = db.raw
      .prepare(
        'SELECT staff_id, subtotal_cents, discount_cents, total_cents FROM sales WHERE sale_id = ?',
      )
      .get(saleId) as Record<string, number | string>;
    expect(sale).toMatchObject({ staff_id: 'E2001', total_cents: cart.totalCents });
    expect(Number(sale.subtotal_cents) - Number(sale.discount_cents)).toBe(cart.totalCents);
    const line = db.raw
      .prepare(
        'SELECT unit_price_cents, discount_cents, total_cents FROM sale_lines WHERE sale_id = ? AND sku = ?',
      )
      .get(saleId, DRESS_SKU);
    expect(line).toEqual({ unit_price_cents: 78900, discount_cents: 18900, total_cents: 60000 });
    const args = JSON.parse(
      (
        db.raw
          .prepare('SELECT args FROM outbox WHERE idempotency_key = ?')
          .get(`recordSale:${saleId}`) as { args: string }
      ).args,
    ) as { overrides: unknown[]; totalCents: number };
    expect(args.overrides).toEqual([
      { sku: DRESS_SKU, fromCents: 78900, toCents: 60000, reason: 'damaged', approvedBy: 'E2001' },
    ]);
    expect(args.totalCents).toBe(cart.totalCents);
    // A paid cart is never changed.
    expect(s.staff.overridePrice(DRESS_SKU, 100, 'other').notice?.key).toBe('override-refused');
    s.close();
  });

  it("a supervisor's override applies at once and does not depend on scan order", async () => {
    const totals: number[] = [];
    for (const order of [
      [DRESS, '6970001000023'],
      ['6970001000023', DRESS],
    ]) {
      const s = service('checkout');
      for (const code of order) s.handleScan(bytes(code));
      s.handleScan(bytes(CONSENT_TOKEN));
      s.checkout.toggleCoupon('AUTUMN15', true);
      await signIn(s, 'BADGE-2001', '8642');
      const view = s.staff.overridePrice(DRESS_SKU, 50000, 'price-match');
      expect(view.notice).toBeNull();
      expect(view.cart?.discounts.map((d) => d.kind)).toEqual([
        'price-override',
        'tier',
        'percent',
      ]);
      totals.push(view.cart!.totalCents);
      s.end();
      s.close();
    }
    expect(totals[0]).toBe(totals[1]);
  });

  it('void: an associate asks, a supervisor approves; the basket is cleared and the visit ends', async () => {
    const s = service('checkout');
    const sessionId = s.handleScan(bytes(DRESS)).sessionId;
    await signIn(s, 'BADGE-1001', '2468');
    const asked = s.staff.voidBasket();
    expect(asked.notice?.key).toBe('supervisor-needed');
    expect(asked.staffDesk?.voidApprovalId).not.toBeNull();
    const approvalId = asked.staffDesk!.voidApprovalId!;
    s.staff.logout();
    await signIn(s, 'BADGE-2001', '8642');
    const mark = lastAuditId();
    s.staff.decide(approvalId, true);
    const after = s.current();
    expect(after).toMatchObject({ sessionId: null, cart: null, staff: null });
    expect(after.notice?.key).toBe('basket-voided');
    expect(auditSince(mark).map((r) => r.action)).toEqual([
      'staff.approval',
      'staff.void',
      'staff.logout',
    ]);
    expect(JSON.parse(auditSince(mark)[1]!.detail)).toEqual({
      lines: [{ sku: DRESS_SKU, qty: 1 }],
      requestedBy: 'E1001',
      approvedBy: 'E2001',
    });
    const ended = db.raw
      .prepare('SELECT ended_at FROM sessions WHERE session_id = ?')
      .get(sessionId);
    expect(ended).not.toEqual({ ended_at: null });
    s.close();
  });
});

describe('a scripted shift', () => {
  it('leaves an audit row for every staff action', async () => {
    const mark = lastAuditId();
    const staffScreen = service('staff');
    const checkout = service('checkout');
    // Sign-in refused, then success, at the staff console.
    staffScreen.handleScan(bytes('BADGE-1002'));
    await staffScreen.staff.login('0000');
    await staffScreen.staff.login('1357');
    const request = staffScreen.queue.request({
      kind: 'help',
      place: '试衣间 1',
      sku: null,
      size: null,
      name: null,
    });
    staffScreen.staff.updateRequest(request.requestId, 'on-the-way');
    staffScreen.staff.updateRequest(request.requestId, 'done');
    staffScreen.handleScan(bytes(NO_CONSENT_TOKEN));
    staffScreen.staff.guidedStart();
    staffScreen.staff.guidedEnd();
    const synced = await staffScreen.staff.syncNow(async () => ({
      ok: false,
      pushed: 0,
      pulledRows: 0,
    }));
    expect(synced?.ok).toBe(false);
    staffScreen.staff.logout();
    expect(
      await staffScreen.staff.syncNow(async () => ({ ok: true, pushed: 1, pulledRows: 0 })),
    ).toBeNull();
    // A supervisor at a checkout: override, void.
    checkout.handleScan(bytes(DRESS));
    await signIn(checkout, 'BADGE-2001', '8642');
    checkout.staff.overridePrice(DRESS_SKU, 70000, 'other');
    checkout.staff.voidBasket();

    const rows = auditSince(mark).map((r) => `${r.actor} ${r.action}`);
    expect(rows).toEqual([
      'E1002 staff.login.refused',
      'E1002 staff.login',
      'E1002 staff.request',
      'E1002 staff.request',
      'E1002 staff.member.view',
      'E1002 staff.guided.start',
      'E1002 staff.guided.end',
      'E1002 staff.sync-now',
      'E1002 staff.logout',
      'E2001 staff.login',
      'E2001 staff.override',
      'E2001 staff.void',
      'E2001 staff.logout',
    ]);
    staffScreen.close();
    checkout.close();
  });
});
