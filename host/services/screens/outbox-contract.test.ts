/**
 * The contract between the screens and the cloud: every outbox row a screen action writes must be
 * accepted by the sync protocol's schema for its (mutation name, version), exactly as the cloud
 * validates it (cloud/push/process-push.ts: `mutationSchema(name, version).safeParse(args)`), and
 * at the version this build sends (`CURRENT_VERSION`). A row that fails would be parked by the
 * cloud as `invalid-args`; this test names it instead. It also notices a mutation the host can
 * produce that no action here covers.
 */
import { describe, expect, it } from 'vitest';
import { eraseMember } from '../../../core/members/erase';
import { MUTATION_NAMES, parse, type MutationName } from '../../../core/outbox/outbox';
import { hlc } from '../../../core/rules';
import { argsToSend } from '../../../sync/push';
import { CURRENT_VERSION, mutationSchema } from '../../../sync/protocol';
import { useDemoScreens, scanBytes } from './screen-test-support';
import { usedCouponsOf } from '../../../core/members';
import { formatZodError } from '../../../common/result';

/**
 * Mutations no host action writes (today). When one gets a caller, drive it below and take it off
 * this list.
 */
const NOT_WRITTEN_BY_HOST: readonly MutationName[] = [];

const DRESS_XS = '6970001000016'; // DRE001-WHT-XS
const M000003 = 'MBR1.4N433GGMT6TCPAR4CTQP'; // silver, consented, 19960 points
const PAY_CODE = '134567890123456789';
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('PIXELS')]);

interface Row {
  seq: number;
  key: string;
  mutation: string;
  version: number;
  args: string;
}

const demo = useDemoScreens();

/** A full mirror visit: scan, sign-in, like, not-for-me with reason, size request, orders, photo. */
function mirrorVisit(): void {
  const { s } = demo.service('mirror', { place: 'Fitting room 2' });
  const card = s.handleScan(scanBytes(DRESS_XS)).cards[0];
  if (!card) throw new Error('the dress did not show');
  s.handleScan(scanBytes(M000003));
  expect(s.current().member).not.toBeNull();
  s.react(card.sku, 'liked', null);
  s.react(card.sku, 'rejected', 'too-big');
  s.requestSize(card.sizes.find((x) => x.sku !== card.sku)?.sku ?? card.sku);
  const there = card.sizes.find((x) => x.otherStores > 0);
  const online = card.sizes.find((x) => x.online > 0 && x.sku !== there?.sku);
  if (!there || !online) throw new Error('the demo dress has no size elsewhere');
  expect(s.order(there.sku, 'reserve-in-store', 'pickup-there').notice?.key).toBe('order-placed');
  expect(s.order(online.sku, 'ship-from-online', 'home').notice?.key).toBe('order-placed');
  s.photos.consent(true);
  const photo = s.photos.take(jpeg.toString('base64')).photo.photos[0];
  if (!photo) throw new Error('no photo taken');
  expect(s.photos.send(photo.photoId).photo.photos[0]?.send).toBe(true);
  s.end();
  s.close();
}

/** A shopper joins at the checkout, takes the welcome coupon (single use) and pays. */
async function joinAndPay(): Promise<void> {
  const { s } = demo.service('checkout');
  s.handleScan(scanBytes(DRESS_XS));
  const joined = s.join({ phone: '13912340001', consentProfile: true, consentMarketing: false });
  expect(joined.notice?.key).toBe('member-joined');
  const cart = s.checkout.toggleCoupon('WELCOME50', true).cart;
  expect(cart?.coupons.find((c) => c.code === 'WELCOME50')?.applied).toBe(true);
  await s.checkout.pay('wechat', PAY_CODE);
  expect(s.current().cart?.payment.state).toBe('paid');
  s.close();
}

/** A member checkout with two coupons (one single use), points and payment, then the NPS tap. */
async function memberCheckout(): Promise<void> {
  const { s } = demo.service('checkout');
  s.handleScan(scanBytes(DRESS_XS));
  s.handleScan(scanBytes(M000003));
  s.checkout.toggleCoupon('AUTUMN15', true);
  s.checkout.toggleCoupon('STORE30', true);
  const cart = s.checkout.redeemPoints(1000).cart;
  expect(cart?.coupons.filter((c) => c.applied).map((c) => c.code)).toEqual(
    expect.arrayContaining(['STORE30']),
  );
  expect(cart?.pointsToRedeem).toBe(1000);
  await s.checkout.pay('alipay', PAY_CODE);
  expect(s.current().cart?.payment.state).toBe('paid');
  expect(s.checkout.nps(9).cart?.npsGiven).toBe(true);
  s.close();
}

/** Staff at the console move the mirror's size request on. */
async function staffUpdates(): Promise<void> {
  const { s } = demo.service('staff');
  s.handleScan(scanBytes('BADGE-1001'));
  expect((await s.staff.login('2468')).staff).not.toBeNull();
  const request = s.queue.openRequests()[0];
  if (!request) throw new Error('the size request is not in the queue');
  expect(s.staff.updateRequest(request.requestId, 'on-the-way')).not.toBeNull();
  expect(s.staff.updateRequest(request.requestId, 'done')).not.toBeNull();
  s.close();
}

/** `kiosk member erase` (host/cli/member.ts) queues the erasure the way it does. */
function eraseFromCli(): void {
  const now = new Date('2026-11-24T09:00:00Z');
  const stamp = hlc.serialize(hlc.tick(hlc.initial('cli'), now.getTime()));
  const erased = eraseMember(demo.db, 'M000020', now, { hlc: stamp, actor: 'cli' });
  expect(erased.ok).toBe(true);
}

describe('every outbox row the screens write is what the cloud accepts', () => {
  it('parses each row with the protocol schema of its name and version, at the current version', async () => {
    mirrorVisit();
    await joinAndPay();
    await memberCheckout();
    await staffUpdates();
    eraseFromCli();

    const rows = demo.db.raw
      .prepare('SELECT *, idempotency_key AS key FROM outbox ORDER BY seq')
      .all() as Row[];
    const problems: string[] = [];
    for (const row of rows) {
      const name = `${row.mutation} v${row.version} (seq ${row.seq}, ${row.key})`;
      // What is sent: personal values unsealed, a photo's JPEG attached (sync/push.ts).
      const entry = parse(row);
      const args = entry.ok ? argsToSend(demo.db, demo.key, entry.value) : null;
      const schema = mutationSchema(row.mutation, row.version);
      if (!schema) {
        problems.push(`${name}: the protocol has no such mutation version`);
        continue;
      }
      const current = CURRENT_VERSION[row.mutation as keyof typeof CURRENT_VERSION];
      if (row.version !== current) problems.push(`${name}: not the current version ${current}`);
      const parsed = schema.safeParse(args);
      if (!parsed.success) problems.push(`${name}: ${formatZodError(parsed.error)}`);
    }
    expect(problems).toEqual([]);

    const written = new Set(rows.map((r) => r.mutation));
    const expected = MUTATION_NAMES.filter((n) => !NOT_WRITTEN_BY_HOST.includes(n));
    expect(expected.filter((n) => !written.has(n))).toEqual([]);
    // The mirror's "not for me" travels with its reason (logTryOn v2), so the brand learns why.
    const tryOns = rows.filter((r) => r.mutation === 'logTryOn').map((r) => JSON.parse(r.args));
    expect(tryOns).toContainEqual(
      expect.objectContaining({ outcome: 'rejected', reason: 'too-big' }),
    );
    // Every coupon applied in a sale is redeemed in the cloud, once per (sale, coupon).
    const coupons = rows.filter((r) => r.mutation === 'redeemCoupon');
    expect(coupons.map((r) => JSON.parse(r.args).couponCode).sort()).toEqual(
      expect.arrayContaining(['STORE30', 'WELCOME50']),
    );
    expect(new Set(coupons.map((r) => r.key)).size).toBe(coupons.length);
  });

  it('never offers a used single-use coupon again on this kiosk', () => {
    const { s } = demo.service('checkout');
    s.handleScan(scanBytes(DRESS_XS));
    const offered = s.handleScan(scanBytes(M000003)).cart?.coupons.map((c) => c.code) ?? [];
    expect(usedCouponsOf(demo.db, 'M000003').has('STORE30')).toBe(true);
    expect(offered).not.toContain('STORE30');
    expect(offered).toContain('AUTUMN15'); // a multi-use coupon stays on offer
    s.close();
  });
});
