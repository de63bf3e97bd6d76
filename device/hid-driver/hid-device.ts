/**
 * A HID device (HID POS scanner, keyboard-wedge scanner or card reader) read from the device
 * itself, never from keyboard focus. Same lifecycle and events as the serial driver
 * (device/reconnecting-device): closed → opening → ready, and on loss reconnecting with backoff
 * until the device is back.
 *
 * Guarantees: `open()` never rejects (a missing device goes to reconnecting); a report that breaks
 * the layout counts as an error and reading goes on; after `close()` no event is emitted.
 */
import type { DeviceRole } from '../device';
import { ReconnectingDevice } from '../reconnecting-device';
import type { ReportDecoder } from './report-decoders';
import type { HidTransport, OpenHidDevice } from './transport';

export interface HidDeviceOptions {
  id: string;
  role: DeviceRole;
  path: string;
  transport: HidTransport;
  createDecoder: () => ReportDecoder;
  /** How often presence is checked while ready (ms): node-hid may not report every unplug. */
  watchMs?: number;
  backoffMs?: { min: number; max: number };
}

export class HidDevice extends ReconnectingDevice<OpenHidDevice> {
  private readonly decoder: ReportDecoder;

  constructor(private readonly options: HidDeviceOptions) {
    super(options, 'hid');
    this.decoder = options.createDecoder();
  }

  protected present(): boolean {
    return this.options.transport.present(this.options.path);
  }

  protected connect(): Promise<OpenHidDevice> {
    return this.options.transport.open(this.options.path);
  }

  protected attach(device: OpenHidDevice): void {
    this.decoder.reset();
    device.on('data', (report) => this.onReport(report));
    device.on('error', (error) => this.lost(error.message));
  }

  protected release(device: OpenHidDevice): Promise<void> {
    device.close();
    return Promise.resolve();
  }

  private onReport(report: Uint8Array): void {
    for (const frame of this.decoder.push(report)) {
      if (frame.error !== undefined) this.fault('protocol', frame.error);
      else this.received(frame.bytes);
    }
  }
}
