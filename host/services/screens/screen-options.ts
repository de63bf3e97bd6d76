/** What the screen service is built from: the kiosk's store, devices' outputs and sync links. */
import type { EventSink } from '../../../bridge/server';
import type { Release } from '../../../common/lifecycle';
import type { Catalog } from '../../../core/catalog/lookup';
import type { DataKey } from '../../../core/crypto/data-key';
import type { WritableDB } from '../../../core/store/db';
import type { KioskConfig } from '../../config';
import type { Logger } from '../../log';
import type { LookupMemberOnline } from './member-lookup';
import type { PaymentProvider } from './payment';

export interface ScreenServiceOptions {
  config: KioskConfig;
  db: WritableDB;
  catalog: Catalog;
  key: DataKey;
  log: Logger;
  emit: EventSink;
  payments?: PaymentProvider;
  /**
   * Sends receipt bytes to the ESC/POS printer; resolves false when there is none or it failed.
   * Prints once per job id (the sale id), so a retry after a timeout never prints twice.
   */
  printReceipt?: (jobId: string, bytes: Uint8Array) => Promise<boolean>;
  /** Whether the member cloud is reachable now (the sync service's status); unknown counts as offline. */
  connectivity?: () => string;
  /** Asks the member cloud for a member not cached here (host/sync-service.ts); none = local only. */
  lookupMember?: LookupMemberOnline;
  /** Asks sync to push now (a staff request was raised or moved on). */
  nudgeSync?: () => void;
  /**
   * Subscribes to "a pull brought other kiosks' staff requests" (host/sync-service.ts); the screen
   * service subscribes once and releases it on close.
   */
  requestsChanged?: (listener: () => void) => Release;
  now?: () => Date;
}
