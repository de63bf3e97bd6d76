/** What the screen shows in answer to scans: the attract loop, a product, or a message. */
import type { StateCreator } from 'zustand';
import type { ProductView, ScanEvent } from '../../bridge/schemas';
import type { AppState } from './app-store';

export type Screen =
  | { kind: 'attract' }
  | { kind: 'product'; product: ProductView }
  | { kind: 'not-found'; code: string }
  | { kind: 'invalid'; text: string }
  | { kind: 'other'; label: string };

export interface ScanSlice {
  screen: Screen;
  /** Increments on every scan, so the same product scanned twice still re-renders its entrance. */
  scanCount: number;
  applyScan(event: ScanEvent): void;
  backToAttract(): void;
}

export function screenForScan(event: ScanEvent): Screen {
  switch (event.outcome) {
    case 'product':
      return event.product
        ? { kind: 'product', product: event.product }
        : { kind: 'not-found', code: event.code ?? event.text };
    case 'not-found':
      return { kind: 'not-found', code: event.code ?? event.text };
    case 'invalid':
      return { kind: 'invalid', text: event.text };
    default:
      return { kind: 'other', label: event.kind ?? '' };
  }
}

export const createScanSlice: StateCreator<AppState, [], [], ScanSlice> = (set) => ({
  screen: { kind: 'attract' },
  scanCount: 0,
  applyScan: (event) =>
    set((state) => ({ screen: screenForScan(event), scanCount: state.scanCount + 1 })),
  backToAttract: () => set({ screen: { kind: 'attract' } }),
});
