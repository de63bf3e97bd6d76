/** Language, the host's app info and whether the bridge is connected. */
import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../bridge/schemas';
import type { Language } from '../i18n';
import type { AppState } from './app-store';

export interface SettingsSlice {
  language: Language;
  connected: boolean;
  info: AppInfo | null;
  setLanguage(language: Language): void;
  setConnected(connected: boolean): void;
  setInfo(info: AppInfo): void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  language: 'zh-CN',
  connected: false,
  info: null,
  setLanguage: (language) => set({ language }),
  setConnected: (connected) => set({ connected }),
  setInfo: (info) => set({ info, language: info.language }),
});
