/**
 * A made-up mirror visit for the start-up warm-up (never shown): every part of the mirror screen
 * has something to render — cards with sizes and swatches, a member price, suggestions, a size
 * request, the visit list — with Chinese and English names like the catalog's.
 */
import type { SessionView, TryOnCard } from '../../bridge/views';
import { emptyView } from '../store/view-fixture';

const names = [
  { zh: '防泼水连衣裙', en: 'Water-repellent dress' },
  { zh: '轻量衬衫', en: 'Lightweight shirt' },
  { zh: '纯色T恤', en: 'Pure t-shirt' },
  { zh: '蕾丝针织衫', en: 'Lace knit sweater' },
];
const colours = [
  { code: 'WHT', zh: '白色', en: 'White' },
  { code: 'BEI', zh: '米色', en: 'Beige' },
  { code: 'BLK', zh: '黑色', en: 'Black' },
];
const sizes = ['XS', 'S', 'M', 'L', 'XL'];

/** The `index`th garment: SKUs start with WARMUP- so they never match a real one. */
export function warmUpCard(index: number): TryOnCard {
  const name = names[index % names.length] ?? { zh: '', en: '' };
  const colour = colours[index % colours.length] ?? { code: 'WHT', zh: '', en: '' };
  const style = `WARMUP${index}`;
  const size = sizes[index % sizes.length] ?? 'M';
  return {
    sku: `WARMUP-${index}-${size}`,
    styleId: style,
    name,
    color: colour,
    size,
    priceCents: 39900 + index * 1000,
    listPriceCents: 49900 + index * 1000,
    memberPriceCents: index % 2 === 0 ? 38703 + index * 970 : null,
    swatches: colours,
    sizes: sizes.map((s, i) => ({
      size: s,
      sku: `WARMUP-${index}-${s}`,
      here: (i + index) % 3,
      otherStores: i + 1,
      online: (i * index) % 4,
    })),
    reaction: index % 3 === 1 ? 'liked' : null,
    reason: null,
    source: index % 2 === 0 ? 'scan' : 'rfid',
    lookUrl: `https://shop.example.com/p/${style}?c=${colour.code}&i=${index}`,
  };
}

/** A visit of `count` garments, the newest on top, as the host sends it after each scan. */
export function warmUpVisit(count: number): SessionView {
  const cards = Array.from({ length: count }, (_, i) => warmUpCard(count - 1 - i));
  const first = cards[0];
  return {
    ...emptyView,
    sessionId: 'warm-up',
    cards,
    focusSku: first?.sku ?? null,
    member:
      count % 2 === 0
        ? {
            displayName: '朱*',
            tier: 'silver',
            tierName: { zh: '银卡会员', en: 'Silver' },
            points: 1200,
            consentProfile: true,
          }
        : null,
    suggestions: {
      look: cards.slice(0, 2).map((c) => ({
        sku: c.sku,
        name: c.name,
        priceCents: c.priceCents,
        reason: { zh: '与连衣裙搭配', en: 'Goes with the dress' },
      })),
      forYou: [],
    },
    requests: first
      ? [
          {
            requestId: 'warm-up-request',
            kind: 'size',
            place: emptyView.place,
            sku: first.sku,
            size: first.size,
            name: first.name,
            status: count % 2 === 0 ? 'waiting' : 'on-the-way',
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ]
      : [],
  };
}
