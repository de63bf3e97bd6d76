/** The bundle's path when it is fresh; null when missing, stale or `KIOSK_FROM_SOURCE=1`. */
export function freshHostBundle(root: string, env?: NodeJS.ProcessEnv): string | null;
