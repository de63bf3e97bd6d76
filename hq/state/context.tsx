import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HqState, HqStore } from './store';

const StoreContext = createContext<HqStore | null>(null);
export const StoreProvider = StoreContext.Provider;

export function useHqStore(): HqStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider missing');
  return store;
}

export function useHq<T>(selector: (s: HqState) => T): T {
  return useStore(useHqStore(), selector);
}
