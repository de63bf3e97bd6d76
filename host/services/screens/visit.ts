/**
 * One screen's visit, held in the host: who is here, what they tried or scanned, the cart, the
 * staff member signed in. `wipe` forgets everything personal at once (idle expiry, "done").
 */
import type { CatalogItem } from '../../../core/catalog/lookup';
import type { MemberView } from '../../../core/members';
import type {
  CartView,
  Notice,
  OrderView,
  PaymentState,
  SessionView,
  TryOnCard,
} from '../../../bridge/views';

export interface StaffSignIn {
  staffId: string;
  name: string;
  role: 'associate' | 'supervisor' | 'manager';
}

export interface VisitState {
  sessionId: string | null;
  member: MemberView | null;
  cards: TryOnCard[];
  focusSku: string | null;
  requestIds: Set<string>;
  orders: OrderView[];
  /** When the shopper agreed on the consent screen to a try-on photo; null until then. */
  photoConsentAt: Date | null;
  photos: Array<{ photoId: string; send: boolean }>;
  lines: Array<{ item: CatalogItem; qty: number }>;
  /** EPCs already counted into the checkout basket: a tag read again never adds twice. */
  basketTags: Set<string>;
  couponCodes: Set<string>;
  pointsToRedeem: number;
  payment: PaymentState;
  /** The cart exactly as it was charged: a paid cart is never re-priced. */
  paidCart: CartView | null;
  npsGiven: boolean;
  /** Approval id → the SKU whose removal waits on it. */
  removals: Map<string, string>;
  notice: Notice | null;
  pendingBadge: string | null;
  staff: StaffSignIn | null;
  lastActivityMs: number;
}

export function emptyVisit(nowMs: number): VisitState {
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
    staff: null,
    lastActivityMs: nowMs,
  };
}

/** Whether anything is on screen that idle expiry must clear. */
export function holdsAnything(visit: VisitState): boolean {
  return (
    visit.sessionId !== null ||
    visit.staff !== null ||
    visit.pendingBadge !== null ||
    visit.notice !== null
  );
}

/** Family name only: "赵萍" → "赵*", "Ada Lovelace" → "A*". */
export function maskedName(name: string | null): string {
  const first = name ? [...name.trim()][0] : undefined;
  return first ? `${first}*` : '*';
}

export type ViewParts = Omit<SessionView, 'role' | 'place' | 'idleSeconds'>;

export function memberBadge(
  member: MemberView | null,
  tierName: (tier: string) => { zh: string; en: string },
): SessionView['member'] {
  if (!member) return null;
  return {
    displayName: maskedName(member.name),
    tier: member.tier,
    tierName: tierName(member.tier),
    points: member.points,
    consentProfile: member.consentProfile,
  };
}
