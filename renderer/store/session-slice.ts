/** The visit as the host keeps it: the renderer only mirrors `session.changed`, never owns it. */
import type { StateCreator } from 'zustand';
import type { SessionView } from '../../bridge/views';
import type { AppState } from './app-store';

export interface SessionSlice {
  view: SessionView | null;
  setView(view: SessionView): void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  view: null,
  setView: (view) => set({ view }),
});

/** What the main stage shows, from the view alone (pure, tested on plain objects). */
export type Stage = 'attract' | 'mirror' | 'checkout' | 'staff' | 'pin';

export function stageOf(view: SessionView | null): Stage {
  if (!view) return 'attract';
  if (view.staffPinPending) return 'pin';
  if (view.role === 'staff') return view.staff ? 'staff' : 'attract';
  if (!view.sessionId) return 'attract';
  return view.role;
}

/** The card on top: the focused one, else the newest. */
export function focusCard(view: SessionView | null) {
  if (!view) return null;
  return view.cards.find((c) => c.sku === view.focusSku) ?? view.cards[0] ?? null;
}
