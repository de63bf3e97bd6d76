/**
 * The screens' host side: keeps the visit (so a reloaded renderer loses nothing), routes every
 * scan and tag by what it decodes to (garment, member, badge, payment code), ends an idle visit and
 * wipes it, and pushes `session.changed` with the whole view after every change.
 *
 * This file only composes: each part is built once, in dependency order, from exactly what it
 * uses (named one by one); the visit changes only through `Visit`'s named operations; everything
 * subscribed or scheduled here is kept in one DisposableStore and released by `close()`.
 *
 * Guarantees: no method throws for shopper input (refusals become a `notice`); a visit's personal
 * data (member, cards, cart) is gone from memory the moment it ends; the database keeps only what
 * core/ writes.
 */
import { createCatalogImages } from '../../../core/media/catalog-images';
import type { SessionView } from '../../../bridge/views';
import { DisposableStore } from '../../../common/lifecycle';
import { createStockQueries } from '../../../core/catalog/stock';
import { deviceIdentity } from '../../../core/outbox/device';
import { loadCoupons, loadTiers } from '../../../core/reference/reference';
import { hlc } from '../../../core/rules';
import { readOnly } from '../../../core/store/db';
import { createCart } from './cart';
import { createCheckoutCart } from './checkout-cart';
import { createCheckoutPayment } from './checkout-payment';
import { createGarments, createGarmentShelf } from './garments';
import { createLookSharer } from './look-share';
import { createMemberActions } from './member-actions';
import { createOnlineMemberLookup } from './member-lookup';
import { createMemberOffers } from './member-offers';
import { createMemberAttach, createMemberSignIn } from './member-sign-in';
import { createMirrorActions } from './mirror-actions';
import { createOrderActions } from './order-actions';
import { simulatedPaymentProvider } from './payment';
import { createPhotoActions } from './photo-actions';
import { routeScan, tagGtin, type ScanTargets } from './scan-routing';
import { readScreenConfig } from './screen-config';
import type { ScreenServiceOptions } from './screen-options';
import { createSessionView } from './session-view';
import { createStaffActions } from './staff-actions';
import { createStaffAudit } from './staff-audit';
import { createStaffCheckout } from './staff-checkout';
import { memberPanel } from './staff-member';
import { StaffQueue } from './staff-queue';
import { createStaffSignIn } from './staff-sign-in';
import { createStaffSyncActions } from './staff-tasks';
import { createSuggestions } from './suggestions';
import { createVisitLifecycle } from './visit-lifecycle';
import { Visit } from './visit';

export type { ScreenServiceOptions } from './screen-options';

export function createScreenService(options: ScreenServiceOptions) {
  const { db, config, log, catalog, key, emit } = options;
  const { role, storeId } = config;
  const now = options.now ?? (() => new Date());
  const connectivity = () => options.connectivity?.() ?? 'not-enrolled';
  const read = readOnly(db);
  const { config: screen, problems } = readScreenConfig(config);
  if (problems.length > 0) log.warn({ problems }, 'screen settings ignored; using defaults');
  const tiers = loadTiers(read);
  const tierName = (tier: string) =>
    tiers.find((t) => t.tier === tier)?.name ?? { zh: tier, en: tier };
  let clock = hlc.initial(db.transaction(() => deviceIdentity(db).deviceId));
  const stamp = () => {
    clock = hlc.tick(clock, now().getTime());
    return hlc.serialize(clock);
  };
  const disposables = new DisposableStore();

  // What the visit is and what is derived from it: nothing here changes anything.
  const visit = new Visit(now);
  const queue = new StaffQueue({ db, storeId, stamp }, now);
  const stock = createStockQueries(read, storeId);
  const cart = createCart({
    visit,
    read,
    tiers,
    coupons: loadCoupons(read),
    offlinePointsDailyCap: screen.offlinePointsDailyCap,
    connectivity,
    now,
  });
  const memberOffers = createMemberOffers({ read, storeId, tiers, now });
  const view = createSessionView({
    role,
    screen,
    visit,
    queue,
    suggestions: createSuggestions(read, catalog, storeId),
    cart: () => cart.price().view,
    tierName,
    images: createCatalogImages(read),
    memberOffers,
  });
  const changed = (): SessionView => {
    const current = view();
    emit('session.changed', current);
    return current;
  };

  // The visit's life, and what every action builds on.
  const audit = createStaffAudit({ db, visit, now });
  const lifecycle = createVisitLifecycle({
    db,
    visit,
    role,
    storeId,
    idleSeconds: screen.idleSeconds,
    queue,
    audit,
    emit,
    changed,
    now,
  });
  const { ensureSession } = lifecycle;
  const endVisit = () => void lifecycle.end('ended');
  const shelf = createGarmentShelf({
    visit,
    garments: createGarments(stock, screen.lookUrlPattern),
    catalog,
    tiers,
    ensureSession,
    now,
    ...(role === 'mirror' ? { shareLook: createLookSharer({ db, now, stamp }) } : {}),
  });
  const attach = createMemberAttach({ db, visit, shelf, ensureSession, now });
  const onlineLookup = createOnlineMemberLookup({
    visit,
    read,
    key,
    storeId,
    now,
    lookup: options.lookupMember,
    connectivity,
    attach,
    changed,
  });
  const signIn = createMemberSignIn({ db, key, visit, attach, cloud: onlineLookup });

  // The actions of each screen.
  const checkoutCart = createCheckoutCart({
    visit,
    queue,
    role,
    place: screen.place,
    removeNeedsStaff: screen.removeNeedsStaff,
    ensureSession,
    changed,
  });
  const payment = createCheckoutPayment({
    visit,
    db,
    cart,
    payments: options.payments ?? simulatedPaymentProvider(screen.payment, connectivity),
    printReceipt: options.printReceipt,
    storeId,
    language: config.language,
    log,
    now,
    stamp,
    changed,
  });
  const staffCheckout = createStaffCheckout({ visit, queue, audit, role, endVisit, changed });
  const staffSignIn = createStaffSignIn({
    visit,
    db,
    key,
    role,
    audit,
    log,
    endVisit,
    now,
    changed,
  });
  const staffActions = createStaffActions({
    visit,
    read,
    key,
    role,
    queue,
    audit,
    panelFor: (member) =>
      memberPanel(
        {
          db: read,
          key,
          catalog,
          tierName,
          now: now(),
          dailyCap: screen.offlinePointsDailyCap,
          online: connectivity() === 'online',
          offers: (m) => memberOffers(m, 'staff'),
        },
        member,
      ),
    attach,
    settleDesk: staffCheckout.settle,
    ensureSession,
    endGuided: () => void lifecycle.end('ended', { keepStaff: true }),
    changed,
  });
  const staffSync = createStaffSyncActions({ visit, db, audit, now });
  const mirror = createMirrorActions({
    visit,
    db,
    catalog,
    queue,
    place: screen.place,
    connectivity,
    now,
    stamp,
    changed,
  });
  const orders = createOrderActions({
    visit,
    db,
    key,
    catalog,
    stock,
    storeId,
    now,
    stamp,
    changed,
  });
  const photos = createPhotoActions({ visit, db, key, role, now, stamp, changed });
  const members = createMemberActions({
    visit,
    db,
    key,
    role,
    storeId,
    memberBin: config.memberBin,
    signIn,
    attach,
    now,
    stamp,
    changed,
  });

  const scanTargets: ScanTargets = {
    catalog,
    role,
    staffSignedIn: () => visit.state.staff !== null,
    garment(item) {
      if (role === 'mirror' || (role === 'staff' && visit.state.staff)) shelf.show(item, 'scan');
      else if (role === 'checkout') checkoutCart.add(item);
    },
    staffBadge: staffSignIn.badgeScanned,
    signInMember: signIn,
    memberForStaff: staffActions.memberScanned,
    pay: (provider, code) => void payment.pay(provider, code),
    unknownItem: checkoutCart.unknownItem,
    notify: visit.notify,
  };

  // Subscriptions and the idle timer: every one released by close().
  disposables.add(queue.requested.on((request) => emit('staff.request', request)));
  disposables.add(queue.written.on(() => options.nudgeSync?.()));
  disposables.add(
    queue.changes.on(() => {
      checkoutCart.settleRemovals(queue.approvalsById(new Set(visit.state.removals.keys())));
      changed();
    }),
  );
  if (options.requestsChanged) disposables.add(options.requestsChanged(() => queue.refresh()));
  disposables.interval(lifecycle.checkIdle, Math.min(1000, (screen.idleSeconds * 1000) / 4));

  return {
    current: view,
    touch(): SessionView {
      visit.touch();
      return view();
    },
    end: () => lifecycle.end('ended'),
    /** What the idle timer runs; exposed so tests need not wait. */
    checkIdle: lifecycle.checkIdle,
    /** One scan, already framed: decoded once, routed once by what it is (scan-routing). */
    handleScan(bytes: Uint8Array, deviceId?: string): SessionView {
      visit.begin();
      const kind = routeScan(bytes, config.memberBin, scanTargets);
      log.info({ deviceId, kind }, 'scan');
      return changed();
    },
    /** A garment's tag entered the reader's field: a card at the mirror, a basket line at the checkout. */
    rfidEnter(epc: string): void {
      lifecycle.tagEntered(epc);
      const gtin = tagGtin(epc);
      const item = gtin ? catalog.lookup(gtin) : null;
      if (!item) return;
      if (role === 'mirror' || (role === 'staff' && visit.state.staff)) {
        shelf.show(item, 'rfid');
        changed();
      } else if (role === 'checkout' && visit.countBasketTag(epc)) {
        // Garments put down at the checkout: each tag is one piece, counted once.
        checkoutCart.add(item);
        changed();
      }
    },
    rfidLeave: lifecycle.tagLeft,
    react: mirror.react,
    requestSize: mirror.requestSize,
    order: orders.place,
    photos,
    focus(sku: string): SessionView {
      visit.touch();
      visit.focus(sku);
      return changed();
    },
    signInMember: members.signInMember,
    cameraCode: members.cameraCode,
    join: members.join,
    checkout: {
      price: cart.price,
      add: checkoutCart.add,
      setQty: checkoutCart.setQty,
      toggleCoupon: checkoutCart.toggleCoupon,
      redeemPoints: checkoutCart.redeemPoints,
      pay: payment.pay,
      payAtCounter: payment.payAtCounter,
      nps: payment.nps,
    },
    staff: {
      ...staffSignIn,
      ...staffActions,
      overridePrice: staffCheckout.overridePrice,
      voidBasket: staffCheckout.voidBasket,
      ...staffSync,
    },
    queue,
    /** The latest online member look-up's completion (tests and the host may wait on it). */
    memberLookupSettled: () => onlineLookup.settled(),
    /** How many subscriptions and timers are held (0 once closed). */
    holds: () => disposables.size,
    /** New product images arrived (sync): placeholders on screen become pictures. */
    mediaChanged(): void {
      changed();
    },
    close(): void {
      disposables.dispose();
    },
  };
}

export type ScreenService = ReturnType<typeof createScreenService>;
