/**
 * What the screen service is built from (its options) and what its action modules share (the
 * core: the visit, the clock, and the ways to change and report it).
 */
import type { EventSink } from '../../../bridge/server';
import type { SessionView } from '../../../bridge/views';
import type { Catalog } from '../../../core/catalog/lookup';
import type { DataKey } from '../../../core/crypto/data-key';
import type { Tier } from '../../../core/rules';
import type { WritableDB } from '../../../core/store/db';
import type { KioskConfig } from '../../config';
import type { Logger } from '../../log';
import type { LookupMemberOnline } from './member-lookup';
import type { PaymentProvider } from './payment';
import type { ScreenConfig } from './screen-config';
import type { StaffDesk } from './staff-desk';
import type { StaffQueue } from './staff-queue';
import type { VisitState } from './visit';

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
  now?: () => Date;
}

export type Notify = (key: NonNullable<SessionView['notice']>['key']) => void;

/** Shared by the action modules: the visit, the clock and the ways to change and report it. */
export interface ScreenCore {
  readonly options: ScreenServiceOptions;
  readonly screen: ScreenConfig;
  readonly queue: StaffQueue;
  readonly tiers: Tier[];
  visit: VisitState;
  /** The staff member's member panel and this cart's price overrides (staff-desk). */
  readonly desk: StaffDesk;
  now(): Date;
  stamp(): string;
  ensureSession(): string;
  changed(): SessionView;
  notify: Notify;
}
