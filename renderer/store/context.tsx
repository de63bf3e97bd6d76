/** Gives components the window's store and the bridge without globals. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { KioskApi } from '../../bridge/contract';
import type { AppState, AppStore } from './app-store';

interface Services {
  store: AppStore;
  kiosk: KioskApi;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

export function useKiosk(): KioskApi {
  return useServices().kiosk;
}
