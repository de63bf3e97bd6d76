/** Language, the host's app info and whether the bridge is connected. */
import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../bridge/schemas';
import type { Language } from '../i18n';
import type { AppState } from './app-store';

export interface SettingsSlice {
  language: Language;
  connected: boolean;
  /** The web shell's page was opened without its session token: it cannot reach the host. */
  sessionKeyMissing: boolean;
  info: AppInfo | null;
  /** The member cloud as the host's sync service last reported it; unknown until it says. */
  cloud: 'online' | 'offline' | 'unknown';
  setCloud(connectivity: string): void;
  setLanguage(language: Language): void;
  setConnected(connected: boolean): void;
  setSessionKeyMissing(): void;
  setInfo(info: AppInfo): void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  language: 'zh-CN',
  connected: false,
  sessionKeyMissing: false,
  info: null,
  cloud: 'unknown',
  // Not enrolled or refused is a setup matter for staff, not news for a shopper: only "offline" shows.
  setCloud: (connectivity) =>
    set({
      cloud:
        connectivity === 'offline' ? 'offline' : connectivity === 'online' ? 'online' : 'unknown',
    }),
  setLanguage: (language) => set({ language }),
  setConnected: (connected) => set({ connected }),
  setSessionKeyMissing: () => set({ sessionKeyMissing: true }),
  setInfo: (info) => set({ info, language: info.language }),
});
