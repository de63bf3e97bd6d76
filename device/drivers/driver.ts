/**
 * What the manager needs from every driver, whatever its role and transport. Role drivers add
 * their own events (`rfid`, `printer-status`) on top of the UnifiedPOS data / error / status.
 */
import type { DeviceEvents, DeviceSnapshot } from '../device';
import type { Emitter } from '../emitter';
import type { PrinterStatus } from '../printer/status';

/** A tag entering or leaving a reader's field, after the debouncer. */
export interface RfidTagEvent {
  type: 'enter' | 'leave';
  deviceId: string;
  epc: string;
  antenna: number;
  /** Peak RSSI in dBm. */
  rssi: number;
  at: Date;
}

export interface PrinterStatusEvent {
  deviceId: string;
  /** Null while the printer has not answered a status request. */
  status: PrinterStatus | null;
  at: Date;
}

/** A snapshot plus a warning that is not (yet) an error, e.g. "paper near end". */
export interface ManagedSnapshot extends DeviceSnapshot {
  warning: string | null;
}

export type DriverEvents = DeviceEvents & {
  rfid: [RfidTagEvent];
  'printer-status': [PrinterStatusEvent];
};

export interface Driver {
  snapshot(): ManagedSnapshot;
  /** Starts the driver; never rejects for a missing device (it goes to reconnecting). */
  open(): Promise<void>;
  close(): Promise<void>;
  on: Emitter<DriverEvents>['on'];
}
