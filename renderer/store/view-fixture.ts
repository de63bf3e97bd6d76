/** An empty host view for tests: the attract screen of a mirror. */
import type { MemberOfferView, SessionView } from '../../bridge/views';

export const emptyView: SessionView = {
  sessionId: null,
  role: 'mirror',
  place: 'Fitting room 1',
  member: null,
  memberOffers: [],
  cards: [],
  focusSku: null,
  suggestions: { look: [], forYou: [] },
  requests: [],
  orders: [],
  photo: { consented: false, photos: [] },
  cart: null,
  approvals: [],
  staffPinPending: false,
  staff: null,
  notice: null,
  idleSeconds: 90,
};

/** A waiting campaign offer: ¥50 off over ¥300 through December 2026. */
export const fiftyOff: MemberOfferView = {
  code: 'CMP0001-OFF',
  title: { zh: '回店礼', en: 'Welcome back' },
  kind: 'amount',
  value: 5000,
  minSpendCents: 30000,
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
};

/** Two waiting offers: ¥50 off over ¥300, and double points, through December 2026. */
export const demoOffers: MemberOfferView[] = [
  fiftyOff,
  {
    ...fiftyOff,
    code: 'CMP0002-PTS',
    title: { zh: '生日月双倍积分', en: 'Double points in your birthday month' },
    kind: 'points_multiplier',
    value: 2,
    minSpendCents: 0,
  },
];

/** The garment most screen tests show: the white water-repellent dress in XS. */
export const dressXs = {
  sku: 'DRE001-WHT-XS',
  name: { zh: '防泼水连衣裙', en: 'Water-repellent dress' },
  color: { code: 'WHT', zh: '白色', en: 'White' },
  size: 'XS',
};
