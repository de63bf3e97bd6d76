/**
 * Scanners and card readers: the transport driver (serial, HID, in-process) already frames reads,
 * so this only forwards its events under the manager's `Driver` interface.
 */
import type { DeviceEvents, DeviceSnapshot } from '../device';
import { Emitter } from '../emitter';
import type { Driver, DriverEvents, ManagedSnapshot } from './driver';

export interface TransportDevice {
  snapshot(): DeviceSnapshot;
  open(): Promise<void>;
  close(): Promise<void>;
  on: Emitter<DeviceEvents>['on'];
}

export class ReaderDriver extends Emitter<DriverEvents> implements Driver {
  constructor(readonly inner: TransportDevice) {
    super();
    inner.on('data', (data) => this.emit('data', data));
    inner.on('error', (fault) => this.emit('error', fault));
    inner.on('status', () => this.emit('status', this.snapshot()));
  }

  snapshot(): ManagedSnapshot {
    return { ...this.inner.snapshot(), warning: null };
  }

  open(): Promise<void> {
    return this.inner.open();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
