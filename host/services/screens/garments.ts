/**
 * A garment as the mirror shows it: the variant, every colour of its style, and each size of its
 * colour with stock here, in the other stores and online. One query per card, on indexed columns.
 */
import type { Catalog, CatalogItem } from '../../../core/catalog/lookup';
import type { StockQueries } from '../../../core/catalog/stock';
import type { Tier } from '../../../core/rules';
import type { TryOnCard } from '../../../bridge/views';
import { memberPrice } from './checkout-pricing';
import { lookUrl } from './screen-config';
import type { Visit } from './visit';

export function createGarments(stock: StockQueries, lookUrlPattern: string) {
  return {
    /** The card for a garment; `memberPriceCents` comes from the caller's pricing. */
    card(
      item: CatalogItem,
      source: TryOnCard['source'],
      memberPriceCents: number | null,
    ): TryOnCard {
      const rows = stock.styleVariants(item.styleId);
      const swatches = new Map<string, TryOnCard['swatches'][number]>();
      for (const row of rows)
        if (!swatches.has(row.colorCode))
          swatches.set(row.colorCode, { code: row.colorCode, zh: row.colorZh, en: row.colorEn });
      return {
        sku: item.sku,
        styleId: item.styleId,
        name: { zh: item.nameZh, en: item.nameEn },
        color: { code: item.colorCode, zh: item.colorZh, en: item.colorEn },
        size: item.size,
        priceCents: item.priceCents,
        listPriceCents: item.listPriceCents,
        memberPriceCents,
        swatches: [...swatches.values()],
        sizes: rows
          .filter((row) => row.colorCode === item.colorCode)
          .map((row) => ({
            size: row.size,
            sku: row.sku,
            here: row.here,
            otherStores: row.otherStores,
            online: row.online,
          })),
        reaction: null,
        reason: null,
        source,
        lookUrl: lookUrl(lookUrlPattern, item),
      };
    },
  };
}
export type Garments = ReturnType<typeof createGarments>;

export interface GarmentShelfDeps {
  visit: Visit;
  garments: Garments;
  catalog: Catalog;
  tiers: readonly Tier[];
  ensureSession(): string;
  now(): Date;
}

/** The garments a visit shows: a card per garment, priced for the member signed in. */
export function createGarmentShelf(deps: GarmentShelfDeps) {
  const { visit, tiers } = deps;
  const memberRef = () => {
    const member = visit.state.member;
    return member ? { id: member.memberId, tier: member.tier } : null;
  };
  return {
    /** A garment scanned or tagged: its card on top, in focus. */
    show(item: CatalogItem, source: TryOnCard['source']): void {
      deps.ensureSession();
      const price = memberPrice(item, memberRef(), tiers, deps.now());
      visit.showCard(deps.garments.card(item, source, price));
    },
    /** Member prices on every card already shown (a member just signed in). */
    reprice(): void {
      visit.repriceCards((card) => {
        const item = deps.catalog.lookup(card.sku);
        return item ? memberPrice(item, memberRef(), tiers, deps.now()) : card.memberPriceCents;
      });
    },
  };
}
export type GarmentShelf = ReturnType<typeof createGarmentShelf>;
