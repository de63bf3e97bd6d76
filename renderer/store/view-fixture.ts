/** An empty host view for tests: the attract screen of a mirror. */
import type { SessionView } from '../../bridge/views';

export const emptyView: SessionView = {
  sessionId: null,
  role: 'mirror',
  place: 'Fitting room 1',
  member: null,
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
