/**
 * The console's one store: who is signed in, what the filter bar offers, the language, the page
 * (from the URL) and the drill-down that is open. Changed only through its named operations.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HqFilters, HqView, MetaResponse, SessionResponse } from '../../cloud/hq-api';
import type { Language } from '../i18n';
import type { Drill } from './drill';

export type Auth =
  | { status: 'checking' }
  | { status: 'signed-out'; error: string | null }
  | { status: 'signed-in'; session: SessionResponse };

export interface HqState {
  auth: Auth;
  meta: MetaResponse | null;
  language: Language;
  view: HqView;
  filters: HqFilters | null;
  drill: Drill | null;
  signedIn(session: SessionResponse): void;
  signedOut(error?: string | null): void;
  setMeta(meta: MetaResponse): void;
  setLanguage(language: Language): void;
  showPage(view: HqView, filters: HqFilters | null): void;
  openRows(link: Drill): void;
  closeRows(): void;
}

export type HqStore = StoreApi<HqState>;

export function createHqStore(language: Language): HqStore {
  return createStore<HqState>((set) => ({
    auth: { status: 'checking' },
    meta: null,
    language,
    view: 'overview',
    filters: null,
    drill: null,
    signedIn: (session) => set({ auth: { status: 'signed-in', session } }),
    signedOut: (error = null) =>
      set({ auth: { status: 'signed-out', error }, meta: null, drill: null }),
    setMeta: (meta) => set({ meta }),
    setLanguage: (next) => set({ language: next }),
    showPage: (view, filters) => set({ view, filters, drill: null }),
    openRows: (drill) => set({ drill }),
    closeRows: () => set({ drill: null }),
  }));
}

/** The CSRF token of the signed-in session (writes need it). */
export const csrfOf = (s: Pick<HqState, 'auth'>): string | null =>
  s.auth.status === 'signed-in' ? s.auth.session.csrfToken : null;
