/** One store per window, built from typed slices; tests build a fresh one from this factory. */
import { createStore } from 'zustand/vanilla';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type AppState = SettingsSlice & SessionSlice;

export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createSettingsSlice(...args),
    ...createSessionSlice(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
