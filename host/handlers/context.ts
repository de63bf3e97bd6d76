/** What every area's handlers may use: the store, the devices, the config, the logger, events. */
import type { EventSink } from '../../bridge/server';
import type { Catalog } from '../../core/catalog/lookup';
import type { DataKey } from '../../core/crypto/data-key';
import type { WritableDB } from '../../core/store/db';
import type { DeviceManager } from '../../device/manager';
import type { KioskConfig } from '../config';
import type { Logger } from '../log';
import type { SyncService } from '../sync-service';
import type { ScreenService } from '../services/screens/screen-service';

export interface HostContext {
  config: KioskConfig;
  db: WritableDB;
  /** Encrypts members' personal data and keys look-up hashes. */
  key: DataKey;
  catalog: Catalog;
  devices: DeviceManager;
  log: Logger;
  /** Pushes an event to every connected renderer (bound once the bridge exists). */
  emit: EventSink;
  version: string;
  /** The member cloud link: status and sync now. */
  sync: SyncService;
  /** The screens' visit, staff queue and checkout (host/services/screens). */
  screens: ScreenService;
}
