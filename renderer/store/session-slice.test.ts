import { describe, expect, it } from 'vitest';
import { emptyView } from './view-fixture';
import { focusCard, stageOf } from './session-slice';

describe('session selectors', () => {
  it('picks the stage from the host view', () => {
    expect(stageOf(null)).toBe('attract');
    expect(stageOf(emptyView)).toBe('attract');
    expect(stageOf({ ...emptyView, sessionId: 's' })).toBe('mirror');
    expect(stageOf({ ...emptyView, sessionId: 's', role: 'checkout' })).toBe('checkout');
    expect(stageOf({ ...emptyView, role: 'staff' })).toBe('attract');
    expect(
      stageOf({
        ...emptyView,
        role: 'staff',
        staff: { staffId: 'E1', name: 'x', role: 'associate' },
      }),
    ).toBe('staff');
    expect(stageOf({ ...emptyView, sessionId: 's', staffPinPending: true })).toBe('pin');
  });

  it('focuses the chosen card, else the newest', () => {
    const a = { sku: 'A' } as (typeof emptyView.cards)[number];
    const b = { sku: 'B' } as (typeof emptyView.cards)[number];
    expect(focusCard({ ...emptyView, cards: [a, b], focusSku: 'B' })?.sku).toBe('B');
    expect(focusCard({ ...emptyView, cards: [a, b], focusSku: null })?.sku).toBe('A');
    expect(focusCard(emptyView)).toBeNull();
  });
});
