import { describe, expect, it, vi } from 'vitest';
import { Listeners } from '../../../common/lifecycle';

import type { SessionView } from '../../../bridge/views';
import { ensureLocalModel } from '../../../core/recommend-store';

import { scanBytes, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db, count } = demo;
const bytes = scanBytes;

/** A service on the shared demo database with a controllable clock and a record of events. */
const service = (role: 'mirror' | 'checkout' | 'staff', extra: object = {}) =>
  demo.service(role, { idleSeconds: 3, ...extra });

const NO_CONSENT_TOKEN = 'MBR1.SFR3Y3QMUG6LNJFAJ8C5'; // M000009, consent_profile = 0

describe('mirror visit', () => {
  it('shows a scanned garment with sizes, swatches and stock; records reactions as try-ons', () => {
    const { s, events } = service('mirror');
    const view = s.handleScan(bytes('6970001000016'));
    expect(view.sessionId).not.toBeNull();
    const card = view.cards[0];
    expect(card?.name.zh).toBe('防泼水连衣裙');
    expect(card?.sizes.map((x) => x.size)).toContain('S');
    expect(card?.sizes.find((x) => x.size === 'XS')).toMatchObject({
      here: 3,
      otherStores: 7,
      online: 4,
    });
    expect(card?.swatches.length).toBeGreaterThan(0);
    expect(card?.lookUrl).toBe('https://shop.example.com/p/DRE001?c=WHT');
    const before = count('SELECT count(*) AS n FROM tryons');
    const after = s.react('DRE001-WHT-XS', 'rejected', 'too-small');
    expect(after.cards[0]).toMatchObject({ reaction: 'rejected', reason: 'too-small' });
    expect(count('SELECT count(*) AS n FROM tryons')).toBe(before + 1);
    expect(events.some((e) => e.event === 'session.changed')).toBe(true);
    s.close();
  });

  it('sends a size request to staff with the fitting room, and shows its progress', () => {
    const { s, events } = service('mirror', { place: 'Fitting room 3' });
    s.handleScan(bytes('6970001000016'));
    const view = s.requestSize('DRE001-WHT-S');
    expect(view.requests[0]).toMatchObject({
      kind: 'size',
      place: 'Fitting room 3',
      size: 'S',
      status: 'waiting',
    });
    expect(events.find((e) => e.event === 'staff.request')).toBeTruthy();
    expect(
      count("SELECT count(*) AS n FROM outbox WHERE mutation = 'staffRequest'"),
    ).toBeGreaterThan(0);
    s.close();
  });

  it('signs a member in by QR token and shows the tier price; unknown tokens get a notice', () => {
    const { s } = service('mirror');
    s.handleScan(bytes('6970001000016'));
    const bad = s.handleScan(bytes('MBR1.AAAAAAAAAAAAAAAAAAAA'));
    expect(bad.notice?.key).toBe('member-not-found');
    expect(bad.member).toBeNull();
    const view = s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP')); // M000003, silver: 3 % off
    expect(view.member).toMatchObject({ displayName: '朱*', tier: 'silver', points: 19960 });
    expect(view.cards[0]?.memberPriceCents).toBe(76533);
    s.close();
  });

  it('signs a member in from a camera-read QR, and accepts nothing but a member token from there', () => {
    const { s } = service('mirror');
    const garment = s.cameraCode('6970001000016');
    expect(garment.notice?.key).toBe('invalid');
    expect(garment.cards).toEqual([]);
    expect(s.cameraCode('BADGE-1001').staffPinPending).toBe(false);
    expect(s.cameraCode('MBR1.AAAAAAAAAAAAAAAAAAAA').notice?.key).toBe('member-not-found');
    const view = s.cameraCode(' MBR1.4N433GGMT6TCPAR4CTQP ');
    expect(view.member).toMatchObject({ displayName: '朱*', tier: 'silver' });
    expect(view.notice?.key).toBe('member-signed-in');
    s.close();
    const staff = service('staff').s;
    expect(staff.cameraCode('MBR1.4N433GGMT6TCPAR4CTQP').member).toBeNull();
    staff.close();
  });

  it('suggests what completes the look, and picks personal only for a consenting member', () => {
    ensureLocalModel(db);
    const { s } = service('mirror');
    const view = s.handleScan(bytes('6970001000016')); // a dress: the whole outfit slot is taken
    expect(view.suggestions.look.length).toBeGreaterThan(0);
    expect(
      view.suggestions.look.every((x) => x.reason.en.length > 0 && x.reason.zh.length > 0),
    ).toBe(true);
    expect(view.suggestions.look.some((x) => x.sku.startsWith('DRE'))).toBe(false);
    // Without a member: the visit and the bestsellers only.
    const contextOnly = /^(A bestseller this season|Goes well with the .+ you are trying on)$/;
    expect(view.suggestions.forYou.length).toBeGreaterThan(0);
    expect(view.suggestions.forYou.every((x) => contextOnly.test(x.reason.en))).toBe(true);
    const member = s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP')); // M000003 consented
    expect(member.suggestions.forYou.length).toBeGreaterThan(0);
    expect(member.suggestions.forYou.some((x) => !contextOnly.test(x.reason.en))).toBe(true);
    s.close();
    // A member without profiling consent gets exactly what an anonymous shopper gets.
    const other = service('mirror').s;
    other.handleScan(bytes('6970001000016'));
    const noConsent = other.handleScan(bytes(NO_CONSENT_TOKEN));
    expect(noConsent.member).not.toBeNull();
    expect(noConsent.suggestions.forYou).toEqual(view.suggestions.forYou);
    other.close();
  });

  it('ends an idle visit, wipes everything personal and says so', () => {
    const { s, events, advance } = service('mirror');
    s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP'));
    const sessionId = s.handleScan(bytes('6970001000016')).sessionId;
    advance(2000);
    expect(s.touch().sessionId).toBe(sessionId); // a touch keeps it
    advance(2999);
    s.checkIdle();
    expect(s.current().sessionId).toBe(sessionId);
    s.rfidEnter('EPC-1');
    advance(10_000);
    s.checkIdle(); // a tag in the field counts as someone being there
    expect(s.current().sessionId).toBe(sessionId);
    s.rfidLeave('EPC-1');
    advance(3000);
    s.checkIdle();
    expect(s.current()).toMatchObject({ sessionId: null, member: null, cards: [], cart: null });
    expect(events.filter((e) => e.event === 'session.expired').at(-1)?.payload).toEqual({
      sessionId,
      reason: 'idle',
    });
    expect(
      count(
        'SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL AND session_id = ?',
        sessionId,
      ),
    ).toBe(1);
    s.close();
  });
});

describe('checkout', () => {
  it('prices a member cart with tier, coupon and points lines, takes payment and records the sale', async () => {
    const { s } = service('checkout');
    s.handleScan(bytes('6970001000016'));
    s.handleScan(bytes('6970001000016'));
    s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP'));
    s.checkout.toggleCoupon('AUTUMN15', true);
    const view: SessionView = s.checkout.redeemPoints(1000);
    const cart = view.cart;
    expect(cart?.lines[0]).toMatchObject({ qty: 2, amountCents: 157800 });
    expect(cart?.discounts.map((d) => d.kind)).toEqual(['tier', 'percent', 'points']);
    expect(cart?.coupons.find((c) => c.code === 'AUTUMN15')?.applied).toBe(true);
    expect(cart?.totalCents).toBe(157800 - cart!.discounts.reduce((a, d) => a + d.amountCents, 0));
    const sales = count('SELECT count(*) AS n FROM sales');
    s.handleScan(bytes('134567890123456789'));
    await new Promise((r) => setTimeout(r, 20));
    const paid = s.current().cart?.payment;
    expect(paid?.state).toBe('paid');
    expect(count('SELECT count(*) AS n FROM sales')).toBe(sales + 1);
    expect(
      count(
        "SELECT count(*) AS n FROM outbox WHERE mutation IN ('recordSale','redeemPoints','earnPoints')",
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(s.checkout.nps(9).cart?.npsGiven).toBe(true);
    s.checkout.nps(3); // once per sale
    expect(count('SELECT count(*) AS n FROM nps_responses WHERE score = 9')).toBe(1);
    expect(count('SELECT count(*) AS n FROM nps_responses')).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE mutation = 'recordNps'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit WHERE action = 'nps'")).toBe(0);
    s.close();
  });

  it('asks staff for an unknown item, needs approval to remove, and gives a counter slip offline', async () => {
    const { s } = service('checkout', { payment: 'offline' });
    const unknown = s.handleScan(bytes('4006381333931'));
    expect(unknown.notice?.key).toBe('ask-staff');
    s.handleScan(bytes('6970001000016'));
    const asked = s.checkout.setQty('DRE001-WHT-XS', 0);
    expect(asked.cart?.lines).toHaveLength(1);
    expect(asked.approvals[0]).toMatchObject({ kind: 'remove-item', status: 'waiting' });
    s.handleScan(bytes('BADGE-1001'));
    expect((await s.staff.login('0000')).notice?.key).toBe('staff-wrong-pin');
    const signedIn = await s.staff.login('2468');
    expect(signedIn.staff?.name).toBe('周婷');
    s.staff.decide(asked.approvals[0]!.approvalId, true);
    expect(s.current().cart?.lines).toHaveLength(0);
    expect(
      count("SELECT count(*) AS n FROM audit WHERE action = 'staff.approval'"),
    ).toBeGreaterThan(0);
    s.handleScan(bytes('6970001000023'));
    s.handleScan(bytes('134567890123456789'));
    await new Promise((r) => setTimeout(r, 50));
    const slip = s.current().cart?.payment;
    expect(slip?.state).toBe('pay-at-counter');
    s.close();
  });
});

describe('closing', () => {
  it('leaves no listener, subscription or timer behind', () => {
    vi.useFakeTimers();
    try {
      const requestsChanged = new Listeners();
      const timersBefore = vi.getTimerCount();
      const { s } = demo.service('checkout', {}, { requestsChanged: (l) => requestsChanged.on(l) });
      expect(requestsChanged.size).toBe(1);
      expect(s.queue.changes.size + s.queue.requested.size + s.queue.written.size).toBe(3);
      expect(vi.getTimerCount()).toBe(timersBefore + 1);
      expect(s.holds()).toBe(5);
      s.close();
      expect(requestsChanged.size).toBe(0);
      expect(s.queue.changes.size + s.queue.requested.size + s.queue.written.size).toBe(0);
      expect(vi.getTimerCount()).toBe(timersBefore);
      expect(s.holds()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
