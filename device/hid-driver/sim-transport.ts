/**
 * A simulated HID bus for tests and demos (no /dev/hidraw here): `plug(path)` makes a device
 * present, `feed(path, report)` delivers real input report bytes (from device/hid's encoders) to
 * whoever opened it, `unplug(path)` makes it vanish with the `error` node-hid would emit.
 */
import { Emitter } from '../emitter';
import type { HidTransport, HidTransportEvents, OpenHidDevice } from './transport';

class SimOpen extends Emitter<HidTransportEvents> implements OpenHidDevice {
  closed = false;
  constructor(private readonly onClose: () => void) {
    super();
  }
  deliver(report: Uint8Array): void {
    if (!this.closed) this.emit('data', report);
  }
  fail(error: Error): void {
    if (!this.closed) this.emit('error', error);
  }
  close(): void {
    this.closed = true;
    this.onClose();
  }
}

export class SimHidBus implements HidTransport {
  private readonly plugged = new Set<string>();
  private readonly opened = new Map<string, SimOpen>();

  plug(path: string): void {
    this.plugged.add(path);
  }

  unplug(path: string): void {
    this.plugged.delete(path);
    const open = this.opened.get(path);
    this.opened.delete(path);
    open?.fail(new Error('could not read from HID device'));
  }

  /** Delivers one input report; false when nobody has the device open. */
  feed(path: string, report: Uint8Array): boolean {
    const open = this.opened.get(path);
    if (!open) return false;
    open.deliver(Uint8Array.from(report));
    return true;
  }

  present(path: string): boolean {
    return this.plugged.has(path);
  }

  async open(path: string): Promise<OpenHidDevice> {
    if (!this.plugged.has(path)) throw new Error(`cannot open device with path ${path}`);
    const open: SimOpen = new SimOpen(() => {
      if (this.opened.get(path) === open) this.opened.delete(path);
    });
    this.opened.set(path, open);
    return open;
  }
}
