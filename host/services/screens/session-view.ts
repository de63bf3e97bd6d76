/**
 * The whole visit as one view (`session.changed`, `session.current`): what every screen shows,
 * assembled from the visit and what is derived from it. Reads only; builds a fresh object each
 * time, so nothing the renderer is sent can change the visit. Every garment gets its picture
 * reference at view time (images.ts).
 */
import type { CartView, SessionView } from '../../../bridge/views';
import type { CatalogImages } from '../../../core/media/catalog-images';
import { withImages } from './images';
import { memberBadge, type TierName } from './member-badge';
import type { MemberOffers } from './member-offers';
import type { ScreenConfig } from './screen-config';
import { deskView } from './staff-desk';
import type { StaffQueue } from './staff-queue';
import type { SuggestionSource } from './suggestions';
import type { Visit } from './visit';

export interface SessionViewDeps {
  role: SessionView['role'];
  screen: Pick<ScreenConfig, 'place' | 'idleSeconds'>;
  visit: Visit;
  queue: StaffQueue;
  suggestions: SuggestionSource;
  /** The cart priced now (checkout only). */
  cart(): CartView;
  tierName: TierName;
  images: CatalogImages;
  /** The campaign offers waiting for a member (member-offers.ts). */
  memberOffers: MemberOffers;
}

export function createSessionView(deps: SessionViewDeps): () => SessionView {
  const { role, screen, visit, queue, suggestions, tierName } = deps;
  return () => withImages(assemble(), deps.images);

  function assemble(): SessionView {
    const v = visit.state;
    const staffScreen = role === 'staff';
    return {
      sessionId: v.sessionId,
      role,
      place: screen.place,
      member: memberBadge(v.member, tierName),
      // Told on the mirror only: the checkout lists them among its coupons.
      memberOffers: role === 'mirror' ? deps.memberOffers(v.member, 'shopper') : [],
      // Each card with its size advice (the model's, or the member's usual size).
      cards: suggestions.withFit(v.cards, v.member),
      focusSku: v.focusSku,
      suggestions:
        (role === 'mirror' || staffScreen) && v.sessionId
          ? suggestions.for(v.cards, v.member)
          : { look: [], forYou: [] },
      requests: staffScreen ? queue.openRequests() : queue.requestsById(v.requestIds),
      orders: [...v.orders],
      photo: { consented: v.photoConsentAt !== null, photos: v.photos.map((p) => ({ ...p })) },
      cart: role === 'checkout' && v.sessionId ? deps.cart() : null,
      approvals:
        staffScreen || v.staff
          ? queue.openApprovals()
          : queue.approvalsById(new Set(v.removals.keys())),
      staffPinPending: v.pendingBadge !== null,
      staff: v.staff,
      staffDesk: v.staff ? deskView(v.desk) : undefined,
      notice: v.notice,
      idleSeconds: screen.idleSeconds,
    };
  }
}
