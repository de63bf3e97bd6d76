/**
 * The host's link to the member cloud: runs the sync engine once the kiosk is enrolled (checking
 * again every minute until it is, so `kiosk enroll` needs no restart), pushes `sync.status` to the
 * screens, and answers `sync.status` / `sync.now` for staff. While online it also pulls the store's
 * staff requests every few seconds, pushes at once when one is raised or moved on (`nudge`), and
 * looks up members this kiosk has not cached (`lookupMember`).
 */
import type { SyncStatusView } from '../bridge/areas/sync';
import type { EventSink } from '../bridge/server';
import { Listeners, type Release } from '../common/lifecycle';
import type { DataKey } from '../core/crypto/data-key';
import type { WritableDB } from '../core/store/db';
import type { CloudClient } from '../sync/cloud-client';
import { loadCredentials } from '../sync/credentials';
import type { SyncEngine } from '../sync/engine';
import { lookupMemberOnline } from '../sync/lookup';
import { openSyncEngine } from '../sync/open';
import { createRequestsPoller, type RequestsPoller } from '../sync/requests-poll';
import type { MediaFetcher, MediaFetchReport } from '../sync/media-fetch';
import type { KioskHealth } from './health';
import type { MemberLookupOutcome } from './services/screens/member-lookup';
import { queueFacts, storedOutcome } from '../sync/status';
import type { Logger } from './log';

export interface SyncService {
  status(): SyncStatusView;
  syncNow(): Promise<{ ok: boolean; pushed: number; pulledRows: number; status: SyncStatusView }>;
  stop(): void;
  /** Pushes now (a staff request was raised or moved on) when the cloud is reachable. */
  nudge(): void;
  /** Asks the cloud for a member not cached here; a found member is cached before this resolves. */
  lookupMember(by: { cardNo: string } | { qrToken: string }): Promise<MemberLookupOutcome>;
  /** Called after a pull of the `requests` stream applied rows (other kiosks' requests). */
  onRequestsChanged(listener: () => void): Release;
}

/** Default interval of the `requests` stream poll while online. */
export const DEFAULT_REQUESTS_POLL_MS = 3000;

export function startSyncService(options: {
  db: WritableDB;
  key: DataKey;
  emit: EventSink;
  log: Logger;
  /** How often the store's staff requests are pulled while online (default 3 s). */
  requestsPollMs?: number;
  /** Rotate the device token during a normal sync once it is this old (default 30 days). */
  tokenMaxAgeMs?: number;
  /** Catalog images: fetched after each successful sync, beside it (never delaying a push). */
  media?: { fetcher: MediaFetcher; onFetched: (report: MediaFetchReport) => void };
  /** The host's part of the heartbeat sent after every sync run, and where sync errors go. */
  health?: Pick<KioskHealth, 'heartbeat' | 'syncStatus'>;
}): SyncService {
  const { db, key, emit, log } = options;
  let engine: SyncEngine | null = null;
  let client: CloudClient | null = null;
  let poller: RequestsPoller | null = null;
  let connectivity = 'unknown';
  const requestsChanged = new Listeners();
  const token = () => {
    const loaded = loadCredentials(db, key);
    return loaded.ok ? (loaded.value?.token ?? null) : null;
  };
  let retry: NodeJS.Timeout | null = null;
  let fetchingMedia = false;

  /** One media run at a time; a run that ends offline is retried after the next good sync. */
  function fetchMedia(): void {
    const media = options.media;
    const current = token();
    if (!media || !client || !current || fetchingMedia) return;
    fetchingMedia = true;
    void media.fetcher
      .run(client, current)
      .then((report) => {
        if (report.fetched > 0 || report.error || report.full || report.refused > 0)
          log.info(
            {
              fetched: report.fetched,
              refused: report.refused,
              full: report.full,
              error: report.error?.kind,
            },
            'catalog media fetched',
          );
        if (report.fetched > 0) media.onFetched(report);
      })
      .catch((error: unknown) => log.error({ err: error }, 'catalog media fetch failed'))
      .finally(() => {
        fetchingMedia = false;
      });
  }

  function notEnrolled(): SyncStatusView {
    return {
      connectivity: 'not-enrolled',
      ...queueFacts(db, Date.now()),
      ...storedOutcome(db),
      nextAttemptAt: null,
    };
  }

  function tryOpen(): void {
    const opened = openSyncEngine(db, key, {
      log,
      tokenMaxAgeMs: options.tokenMaxAgeMs,
      heartbeat: options.health?.heartbeat,
    });
    if (!opened.ok) {
      if (opened.error.kind !== 'not-enrolled')
        log.warn({ error: opened.error }, 'sync engine not started');
      emit('sync.status', notEnrolled());
      return;
    }
    engine = opened.value.engine;
    client = opened.value.client;
    const started = engine;
    engine.on('status', (status) => {
      connectivity = status.connectivity;
      options.health?.syncStatus(status);
      emit('sync.status', status);
      if (status.connectivity === 'online') fetchMedia();
    });
    engine.start();
    poller = createRequestsPoller({
      db,
      key,
      client,
      token,
      intervalMs: options.requestsPollMs ?? DEFAULT_REQUESTS_POLL_MS,
      isOnline: () => connectivity === 'online',
      onChanged: () => requestsChanged.fire(),
      // The cloud went away: the engine finds out at once (status offline, backoff, polls pause).
      onFailed: (error) => {
        if (error.kind === 'offline' || error.kind === 'timeout') void started.syncNow();
      },
      log,
    });
    poller.start();
    if (retry) clearInterval(retry);
    retry = null;
    log.info({ url: opened.value.credentials.url }, 'sync engine started');
  }

  tryOpen();
  if (!engine) {
    retry = setInterval(tryOpen, 60_000);
    retry.unref();
  }

  return {
    status: () => engine?.status() ?? notEnrolled(),
    async syncNow() {
      if (!engine) tryOpen();
      if (!engine) return { ok: false, pushed: 0, pulledRows: 0, status: notEnrolled() };
      const report = await engine.syncNow();
      return {
        ok: report.ok,
        pushed: report.pushed,
        pulledRows: report.pulledRows,
        status: engine.status(),
      };
    },
    stop() {
      if (retry) clearInterval(retry);
      poller?.stop();
      engine?.stop();
    },
    nudge() {
      if (engine && connectivity === 'online') void engine.syncNow();
    },
    async lookupMember(by) {
      const current = token();
      if (!client || !current) return { kind: 'not-enrolled' };
      const answer = await lookupMemberOnline({ db, key, client, token: current }, by);
      if (!answer.ok) {
        log.info({ kind: answer.error.kind }, 'online member look-up failed');
        return { kind: 'unreachable' };
      }
      return answer.value
        ? { kind: 'found', memberId: answer.value.member.memberId }
        : { kind: 'not-found' };
    },
    onRequestsChanged: (listener) => requestsChanged.on(listener),
  };
}
