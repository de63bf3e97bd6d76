/**
 * The screens' host side: keeps the visit (so a reloaded renderer loses nothing), routes every
 * scan by what it decodes to (garment, member, badge, payment code), ends an idle visit and wipes
 * it, and pushes `session.changed` with the whole view after every change.
 *
 * Guarantees: no method throws for shopper input (refusals become a `notice`); a visit's personal
 * data (member, cards, cart) is gone from memory the moment it ends; the database keeps only what
 * core/sessions and the sale recorder write.
 */
import { createSuggestions } from './suggestions';
import { createCatalogImages } from '../../../core/media/catalog-images';
import { withImages } from './images';
import type { SessionView } from '../../../bridge/views';
import type { CatalogItem } from '../../../core/catalog/lookup';
import { identifyMember, type IdentifyInput, type MemberView } from '../../../core/members';
import { deviceIdentity } from '../../../core/outbox/device';
import { hlc } from '../../../core/rules';
import { expireIdle, identify, startSession } from '../../../core/sessions';
import { touch as touchSession } from '../../../core/sessions/sessions';
import { readOnly } from '../../../core/store/db';
import { memberPrice } from './checkout-pricing';
import { createGarments } from './garments';
import { simulatedPaymentProvider } from './payment';
import { loadCoupons, loadTiers } from './reference';
import { readScreenConfig } from './screen-config';
import { StaffQueue } from './staff-queue';
import { emptyVisit, holdsAnything, memberBadge } from './visit';
import { createCheckoutActions } from './checkout-actions';
import { createStaffActions } from './staff-actions';
import { emptyDesk } from './staff-desk';
import { createMirrorActions } from './mirror-actions';
import { createOrderActions } from './order-actions';
import { createPhotoActions } from './photo-actions';
import { createMemberActions } from './member-actions';
import { createOnlineMemberLookup } from './member-lookup';
import { routeScan } from './scan-routing';
import type { ScreenCore, ScreenServiceOptions } from './screen-core';

export type { Notify, ScreenCore, ScreenServiceOptions } from './screen-core';

export function createScreenService(options: ScreenServiceOptions) {
  const now = options.now ?? (() => new Date());
  const { db, config, log } = options;
  const read = readOnly(db);
  const suggestions = createSuggestions(read, options.catalog, config.storeId);
  const { config: screen, problems } = readScreenConfig(config);
  if (problems.length > 0) log.warn({ problems }, 'screen settings ignored; using defaults');
  const garments = createGarments(read, config.storeId, screen.lookUrlPattern);
  const images = createCatalogImages(read);
  const tiers = loadTiers(read);
  const coupons = loadCoupons(read);
  const deviceId = db.transaction(() => deviceIdentity(db).deviceId);
  let clock = hlc.initial(deviceId);
  const rfidPresent = new Set<string>();

  const tierName = (tier: string) =>
    tiers.find((t) => t.tier === tier)?.name ?? { zh: tier, en: tier };
  const memberRef = () =>
    core.visit.member ? { id: core.visit.member.memberId, tier: core.visit.member.tier } : null;

  function view(): SessionView {
    const v = core.visit;
    const staffRole = config.role === 'staff';
    const cart = config.role === 'checkout' && v.sessionId ? checkout.price().view : null;
    return withImages(viewWithoutImages(v, staffRole, cart), images);
  }

  function viewWithoutImages(
    v: ScreenCore['visit'],
    staffRole: boolean,
    cart: SessionView['cart'],
  ): SessionView {
    return {
      sessionId: v.sessionId,
      role: config.role,
      place: screen.place,
      member: memberBadge(v.member, tierName),
      cards: suggestions.withFit(v.cards, v.member),
      focusSku: v.focusSku,
      suggestions:
        (config.role === 'mirror' || config.role === 'staff') && v.sessionId
          ? suggestions.for(v.cards, v.member)
          : { look: [], forYou: [] },
      requests: staffRole ? queue.openRequests() : queue.requestsById(v.requestIds),
      orders: v.orders,
      photo: { consented: v.photoConsentAt !== null, photos: v.photos.map((p) => ({ ...p })) },
      cart,
      approvals:
        staffRole || v.staff
          ? queue.openApprovals()
          : queue.approvalsById(new Set(v.removals.keys())),
      staffPinPending: v.pendingBadge !== null,
      staff: v.staff,
      staffDesk: staff.deskView(),
      notice: v.notice,
      idleSeconds: screen.idleSeconds,
    };
  }

  const queue = new StaffQueue(
    {
      onRequest: (request) => options.emit('staff.request', request),
      onWrite: () => options.nudgeSync?.(),
      onChange: () => {
        checkout.settleApprovals();
        core.changed();
      },
    },
    {
      db,
      storeId: config.storeId,
      stamp: () => core.stamp(),
      staffId: () => core.visit.staff?.staffId ?? null,
    },
    now,
  );

  const core: ScreenCore = {
    options,
    screen,
    queue,
    tiers,
    visit: emptyVisit(now().getTime()),
    desk: emptyDesk(),
    now,
    stamp() {
      clock = hlc.tick(clock, now().getTime());
      return hlc.serialize(clock);
    },
    ensureSession() {
      if (core.visit.sessionId) return core.visit.sessionId;
      const kind =
        config.role === 'checkout' ? 'checkout' : config.role === 'mirror' ? 'mirror' : 'assisted';
      core.visit.sessionId = startSession(db, {
        kind,
        storeId: config.storeId,
        now: now(),
      }).sessionId;
      return core.visit.sessionId;
    },
    changed() {
      const current = view();
      options.emit('session.changed', current);
      return current;
    },
    notify(key) {
      core.visit.notice = { key, at: now().toISOString() };
    },
  };

  const checkout = createCheckoutActions(core, {
    coupons,
    read,
    payments:
      options.payments ??
      simulatedPaymentProvider(screen.payment, () => options.connectivity?.() ?? 'not-enrolled'),
  });
  const staff = createStaffActions(core, {
    key: options.key,
    log,
    tierName,
    attach: attachMember,
    endVisit: () => end('ended'),
  });
  const mirror = createMirrorActions(core);
  const orders = createOrderActions(core, read);
  const photos = createPhotoActions(core);
  const members = createMemberActions(core, { signIn: signInMember, attach: attachMember });
  const onlineLookup = createOnlineMemberLookup(core, {
    read,
    lookup: options.lookupMember,
    attach: attachMember,
  });

  function activity(): void {
    core.visit.lastActivityMs = now().getTime();
  }

  function addGarment(item: CatalogItem, source: 'scan' | 'rfid'): void {
    core.ensureSession();
    const v = core.visit;
    const card = garments.card(item, source, memberPrice(item, memberRef(), tiers, now()));
    v.cards = [card, ...v.cards.filter((c) => c.sku !== item.sku)];
    v.focusSku = item.sku;
  }

  function signInMember(input: IdentifyInput): void {
    const result = identifyMember(read, options.key, input);
    // Not cached here, or a member of another store without a presence ticket valid now: the
    // cloud is asked (asynchronously) and the answer signs the member in.
    const ask = result.ok ? onlineLookup.needsTicket(result.member) : result.code === 'not-found';
    if (ask && onlineLookup.tryLookup(input)) return;
    if (result.ok) attachMember(result.member, 'member-signed-in');
    else core.notify('member-not-found');
  }

  /** Puts a known member on this visit (sign-in or a fresh join) and reprices what is shown. */
  function attachMember(member: MemberView, notice: 'member-signed-in' | 'member-joined'): void {
    const sessionId = core.ensureSession();
    const attached = identify(db, sessionId, member.memberId, now()).ok;
    if (!attached) {
      core.notify('member-not-found');
      return;
    }
    core.visit.member = member;
    core.notify(notice);
    // Member prices on cards already shown.
    core.visit.cards = core.visit.cards.map((c) => {
      const item = options.catalog.lookup(c.sku);
      return item ? { ...c, memberPriceCents: memberPrice(item, memberRef(), tiers, now()) } : c;
    });
  }

  /** One scan, already framed: what it is decides what happens (scan-routing). */
  function handleScan(bytes: Uint8Array): SessionView {
    activity();
    core.visit.notice = null;
    return routeScan(bytes, {
      core,
      catalog: options.catalog,
      garment,
      signInMember,
      memberForStaff: staff.memberScanned,
      pay: (provider, code) => void checkout.pay(provider, code),
      unknownItem: checkout.unknownItem,
    });
  }

  function garment(item: CatalogItem): SessionView {
    if (config.role === 'mirror') addGarment(item, 'scan');
    else if (config.role === 'staff' && core.visit.staff) addGarment(item, 'scan');
    else if (config.role === 'checkout') checkout.add(item);
    return core.changed();
  }

  function end(reason: 'ended' | 'idle'): SessionView {
    const v = core.visit;
    if (v.sessionId) {
      const at = now();
      touchSession(db, v.sessionId, new Date(v.lastActivityMs));
      // An explicit end counts as idle-from-now; expireIdle ends this and any session left open.
      expireIdle(db, at, reason === 'idle' ? screen.idleSeconds * 1000 : 0);
      options.emit('session.expired', { sessionId: v.sessionId, reason });
    }
    photos.wipe(v.sessionId);
    queue.withdraw(new Set(v.removals.keys()));
    staff.visitEnded(reason);
    core.visit = emptyVisit(now().getTime());
    return core.changed();
  }

  /** Ends the visit when nothing happened for idleSeconds; a tag in the field counts as someone there. */
  function checkIdle(): void {
    if (!holdsAnything(core.visit)) return;
    if (rfidPresent.size > 0) activity();
    if (now().getTime() - core.visit.lastActivityMs >= screen.idleSeconds * 1000) end('idle');
  }
  const timer = setInterval(checkIdle, Math.min(1000, (screen.idleSeconds * 1000) / 4));
  timer.unref();

  options.devices?.on('data', (data) => {
    try {
      handleScan(data.bytes);
    } catch (error) {
      log.error({ err: error, deviceId: data.deviceId }, 'scan handling failed');
    }
  });

  return {
    current: view,
    touch(): SessionView {
      activity();
      return view();
    },
    end: () => end('ended'),
    /** What the idle timer runs every second; exposed so tests need not wait. */
    checkIdle,
    handleScan,
    /** A garment's tag entered the reader's field: a card at the mirror, a basket line at the checkout. */
    rfidEnter(epc: string, gtin: string | null): void {
      rfidPresent.add(epc);
      activity();
      const item = gtin ? options.catalog.lookup(gtin) : null;
      if (item && (config.role === 'mirror' || (config.role === 'staff' && core.visit.staff))) {
        addGarment(item, 'rfid');
        core.changed();
      } else if (item && config.role === 'checkout' && !core.visit.basketTags.has(epc)) {
        // Garments put down at the checkout: each tag is one piece, counted once.
        core.visit.basketTags.add(epc);
        checkout.add(item);
        core.changed();
      }
    },
    rfidLeave(epc: string): void {
      rfidPresent.delete(epc);
      activity();
    },
    react: mirror.react,
    requestSize: mirror.requestSize,
    order: orders.place,
    photos,
    focus(sku: string): SessionView {
      activity();
      if (core.visit.cards.some((c) => c.sku === sku)) core.visit.focusSku = sku;
      return core.changed();
    },
    signInMember(input: IdentifyInput): SessionView {
      activity();
      if (config.role !== 'staff') signInMember(input);
      return core.changed();
    },
    ...members,
    checkout,
    staff,
    queue,
    /** The latest online member look-up's completion (tests and the host may wait on it). */
    memberLookupSettled: () => onlineLookup.settled(),
    /** New product images arrived (sync): placeholders on screen become pictures. */
    mediaChanged(): void {
      core.changed();
    },
    close(): void {
      clearInterval(timer);
    },
  };
}

export type ScreenService = ReturnType<typeof createScreenService>;
