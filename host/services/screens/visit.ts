/**
 * One screen's visit, held in the host: who is here, what they tried or scanned, the cart, the
 * staff member signed in and their desk. `Visit` is its one owner: every change goes through a
 * named operation here, and everyone else reads `state`, a read-only view.
 *
 * Guarantees: `reset()` forgets everything personal at once (idle expiry, "done", void) and moves
 * `generation` on, so an answer that arrives for a visit already gone can tell and is dropped.
 */
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { MemberView } from '../../../core/members';
import type {
  CartView,
  MemberPanelView,
  Notice,
  OrderView,
  PaymentState,
  TryOnCard,
  TryOnReasonView,
} from '../../../bridge/views';
import { emptyDesk, type DeskOverride, type StaffDesk } from './staff-desk';

export interface StaffSignIn {
  staffId: string;
  name: string;
  role: 'associate' | 'supervisor' | 'manager';
}

export type NoticeKey = Notice['key'];
export type Notify = (key: NoticeKey) => void;

export interface CartLine {
  readonly item: CatalogItem;
  readonly qty: number;
}

/** The visit as everyone but its owner sees it: nothing here can be changed in place. */
export interface VisitState {
  readonly sessionId: string | null;
  readonly member: MemberView | null;
  readonly cards: ReadonlyArray<Readonly<TryOnCard>>;
  readonly focusSku: string | null;
  readonly requestIds: ReadonlySet<string>;
  readonly orders: readonly OrderView[];
  /** When the shopper agreed on the consent screen to a try-on photo; null until then. */
  readonly photoConsentAt: Date | null;
  readonly photos: ReadonlyArray<{ readonly photoId: string; readonly send: boolean }>;
  readonly lines: readonly CartLine[];
  /** EPCs already counted into the checkout basket: a tag read again never adds twice. */
  readonly basketTags: ReadonlySet<string>;
  readonly couponCodes: ReadonlySet<string>;
  readonly pointsToRedeem: number;
  readonly payment: PaymentState;
  /** The cart exactly as it was charged: a paid cart is never re-priced. */
  readonly paidCart: CartView | null;
  readonly npsGiven: boolean;
  /** Approval id → the SKU whose removal waits on it. */
  readonly removals: ReadonlyMap<string, string>;
  readonly notice: Notice | null;
  readonly pendingBadge: string | null;
  readonly staff: StaffSignIn | null;
  /** The staff member's member panel and this cart's price overrides. */
  readonly desk: Readonly<StaffDesk>;
  /** Anything that keeps the visit: a person, or a garment's tag in the reader's field. */
  readonly lastActivityMs: number;
  /** A person only (touch, scan, typing): what keeps a staff sign-in. */
  readonly lastPersonMs: number;
}

interface VisitData {
  sessionId: string | null;
  member: MemberView | null;
  cards: TryOnCard[];
  focusSku: string | null;
  requestIds: Set<string>;
  orders: OrderView[];
  photoConsentAt: Date | null;
  photos: Array<{ photoId: string; send: boolean }>;
  lines: CartLine[];
  basketTags: Set<string>;
  couponCodes: Set<string>;
  pointsToRedeem: number;
  payment: PaymentState;
  paidCart: CartView | null;
  npsGiven: boolean;
  removals: Map<string, string>;
  notice: Notice | null;
  pendingBadge: string | null;
  staff: StaffSignIn | null;
  desk: StaffDesk;
  lastActivityMs: number;
  lastPersonMs: number;
}

function emptyVisit(nowMs: number, staff: StaffSignIn | null = null): VisitData {
  return {
    sessionId: null,
    member: null,
    cards: [],
    focusSku: null,
    requestIds: new Set(),
    orders: [],
    photoConsentAt: null,
    photos: [],
    lines: [],
    basketTags: new Set(),
    couponCodes: new Set(),
    pointsToRedeem: 0,
    payment: { state: 'open' },
    paidCart: null,
    npsGiven: false,
    removals: new Map(),
    notice: null,
    pendingBadge: null,
    staff,
    desk: emptyDesk(),
    lastActivityMs: nowMs,
    lastPersonMs: nowMs,
  };
}

export const MAX_QTY = 99;

export class Visit {
  private data: VisitData;
  private generationCount = 0;

  constructor(private readonly now: () => Date) {
    this.data = emptyVisit(now().getTime());
  }

  get state(): VisitState {
    return this.data;
  }

  /** Moves on with every reset: a late answer compares it with the one it started under. */
  get generation(): number {
    return this.generationCount;
  }

  /** Whether anything is on screen that idle expiry must clear. */
  holdsAnything(): boolean {
    const v = this.data;
    return v.sessionId !== null || v.staff !== null || v.pendingBadge !== null || v.notice !== null;
  }

  /** Someone touched, scanned or typed: the idle clock starts again. */
  touch(): void {
    this.data.lastActivityMs = this.data.lastPersonMs = this.now().getTime();
  }

  /** A garment's tag is in the field: the shopper's visit goes on, a staff sign-in does not. */
  touchForTag(): void {
    this.data.lastActivityMs = this.now().getTime();
  }

  /** A new action: the idle clock restarts and the last notice goes. */
  begin(): void {
    this.touch();
    this.data.notice = null;
  }

  notify: Notify = (key) => {
    this.data.notice = { key, at: this.now().toISOString() };
  };

  clearNotice(): void {
    this.data.notice = null;
  }

  startSession(sessionId: string): void {
    this.data.sessionId = sessionId;
  }

  attachMember(member: MemberView): void {
    this.data.member = member;
  }

  /** A garment's card on top (replacing the same SKU's), in focus. */
  showCard(card: TryOnCard): void {
    this.data.cards = [card, ...this.data.cards.filter((c) => c.sku !== card.sku)];
    this.data.focusSku = card.sku;
  }

  /** Points every card's QR at the visit's look on the phone (look-share.ts). */
  linkCards(lookUrl: (card: Readonly<TryOnCard>) => string): void {
    this.data.cards = this.data.cards.map((c) => ({ ...c, lookUrl: lookUrl(c) }));
  }

  /** Puts a new member price on every card (a member signed in). */
  repriceCards(price: (card: Readonly<TryOnCard>) => number | null): void {
    this.data.cards = this.data.cards.map((c) => ({ ...c, memberPriceCents: price(c) }));
  }

  focus(sku: string): void {
    if (this.data.cards.some((c) => c.sku === sku)) this.data.focusSku = sku;
  }

  react(sku: string, reaction: 'liked' | 'rejected', reason: TryOnReasonView | null): void {
    this.data.cards = this.data.cards.map((c) =>
      c.sku === sku ? { ...c, reaction, reason: reaction === 'rejected' ? reason : null } : c,
    );
  }

  addRequest(requestId: string): void {
    this.data.requestIds.add(requestId);
  }

  addOrder(order: OrderView): void {
    this.data.orders.push(order);
  }

  setPhotoConsent(at: Date | null): void {
    this.data.photoConsentAt = at;
  }

  addPhoto(photoId: string): void {
    this.data.photos.push({ photoId, send: false });
  }

  markPhotoSending(photoId: string): void {
    this.data.photos = this.data.photos.map((p) =>
      p.photoId === photoId ? { ...p, send: true } : p,
    );
  }

  removePhoto(photoId: string): void {
    this.data.photos = this.data.photos.filter((p) => p.photoId !== photoId);
  }

  /** Forgets the photos nobody asked to send (their rows were deleted). */
  keepPhotosToSend(): void {
    this.data.photos = this.data.photos.filter((p) => p.send);
  }

  /** One more of this garment in the cart (at most MAX_QTY). */
  addLine(item: CatalogItem): void {
    const line = this.data.lines.find((l) => l.item.sku === item.sku);
    if (line) this.setQty(item.sku, line.qty + 1);
    else this.data.lines.push({ item, qty: 1 });
  }

  /** A line's quantity (at most MAX_QTY); 0 or less removes the line. */
  setQty(sku: string, qty: number): void {
    this.data.lines = this.data.lines.flatMap((l) =>
      l.item.sku !== sku ? [l] : qty <= 0 ? [] : [{ item: l.item, qty: Math.min(qty, MAX_QTY) }],
    );
  }

  clearLines(): void {
    this.data.lines = [];
  }

  /** Counts a tag into the basket once: false when this tag was already counted. */
  countBasketTag(epc: string): boolean {
    if (this.data.basketTags.has(epc)) return false;
    this.data.basketTags.add(epc);
    return true;
  }

  setCoupon(code: string, applied: boolean): void {
    if (applied) this.data.couponCodes.add(code);
    else this.data.couponCodes.delete(code);
  }

  setPointsToRedeem(points: number): void {
    this.data.pointsToRedeem = points;
  }

  setPayment(payment: PaymentState): void {
    this.data.payment = payment;
  }

  /** The cart as it was charged, kept as it is from now on. */
  keepPaidCart(cart: CartView): void {
    this.data.paidCart = cart;
  }

  markNpsGiven(): void {
    this.data.npsGiven = true;
  }

  waitForRemoval(approvalId: string, sku: string): void {
    this.data.removals.set(approvalId, sku);
  }

  /** The SKU a decided removal was for; the approval is no longer waited on. */
  settleRemoval(approvalId: string): string | undefined {
    const sku = this.data.removals.get(approvalId);
    this.data.removals.delete(approvalId);
    return sku;
  }

  setPendingBadge(badge: string | null): void {
    this.data.pendingBadge = badge;
  }

  signInStaff(staff: StaffSignIn): void {
    this.data.staff = staff;
    this.data.pendingBadge = null;
    this.data.notice = null;
  }

  /** Signs the staff member out; their member panel closes with them. */
  signOutStaff(): void {
    this.data.staff = null;
    this.data.desk.memberPanel = null;
  }

  setMemberPanel(panel: MemberPanelView | null): void {
    this.data.desk.memberPanel = panel;
  }

  /** An applied override (one per line; a newer one replaces it). */
  applyOverride(override: DeskOverride & { approvedBy: string }): void {
    this.data.desk.overrides.set(override.item.sku, override);
  }

  waitForOverride(approvalId: string, override: DeskOverride): void {
    this.data.desk.pending.set(approvalId, override);
  }

  /** The override waiting on this approval, no longer waiting; undefined when none was. */
  takePendingOverride(approvalId: string): DeskOverride | undefined {
    const pending = this.data.desk.pending.get(approvalId);
    this.data.desk.pending.delete(approvalId);
    return pending;
  }

  waitForVoid(approvalId: string, requestedBy: string): void {
    this.data.desk.voidRequest = { approvalId, requestedBy };
  }

  /** The void waiting on this approval (who asked), no longer waiting; undefined when none was. */
  takeVoidRequest(approvalId: string): { requestedBy: string } | undefined {
    const request = this.data.desk.voidRequest;
    if (request?.approvalId !== approvalId) return undefined;
    this.data.desk.voidRequest = null;
    return request;
  }

  /**
   * Forgets the whole visit. `keepStaff` keeps the staff member signed in (a guided session ended
   * on the staff screen), with an empty desk.
   */
  reset(options: { keepStaff?: boolean } = {}): void {
    const staff = options.keepStaff ? this.data.staff : null;
    this.data = emptyVisit(this.now().getTime(), staff);
    this.generationCount += 1;
  }
}

/** Whether the cart may still change and be paid: not paid, not being sent to the counter. */
export function payable(state: VisitState): boolean {
  return state.payment.state === 'open' || state.payment.state === 'declined';
}
