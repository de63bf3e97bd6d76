/**
 * Every garment a screen shows gets its picture reference (bridge/views.ts `image`), looked up when
 * the view is made: the mirror's cards and try-on list, complete the look and for you, the
 * checkout's lines, the member panel's recent purchases. Looked up at view time, not stored in the
 * visit, so an image that arrives while a garment is on screen replaces its placeholder at the next
 * view (the sync service calls `mediaChanged`).
 */
import type { SessionView } from '../../../bridge/views';
import type { CatalogImages } from '../../../core/media/catalog-images';

export function withImages(view: SessionView, images: CatalogImages): SessionView {
  const bySku = <T extends { sku: string }>(item: T) => ({
    ...item,
    image: images.forSku(item.sku),
  });
  const desk = view.staffDesk;
  const panel = desk?.memberPanel ?? null;
  const profile = panel?.profile ?? null;
  return {
    ...view,
    cards: view.cards.map((card) => ({
      ...card,
      image: images.forStyle(card.styleId, card.color.code),
    })),
    suggestions: {
      look: view.suggestions.look.map(bySku),
      forYou: view.suggestions.forYou.map(bySku),
    },
    cart: view.cart && { ...view.cart, lines: view.cart.lines.map(bySku) },
    staffDesk: desk && {
      ...desk,
      memberPanel: panel && {
        ...panel,
        profile: profile && { ...profile, recentPurchases: profile.recentPurchases.map(bySku) },
      },
    },
  };
}
