/**
 * A HID device (HID POS scanner, keyboard-wedge scanner or card reader) read from the device
 * itself, never from keyboard focus. Same lifecycle and events as the serial driver: closed →
 * opening → ready, and on loss reconnecting with backoff until the device is back.
 *
 * Guarantees: `open()` never rejects (a missing device goes to reconnecting); a report that breaks
 * the layout counts as an error and reading goes on; after `close()` no event is emitted.
 */
import type {
  DeviceEvents,
  DeviceHealth,
  DeviceRole,
  DeviceSnapshot,
  DeviceState,
} from '../device';
import { Emitter } from '../emitter';
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

export class HidDevice extends Emitter<DeviceEvents> {
  private device: OpenHidDevice | null = null;
  private decoder: ReportDecoder;
  private stateValue: DeviceState = 'closed';
  private readonly health: DeviceHealth = {
    reads: 0,
    errors: 0,
    lastEventAt: null,
    lastError: null,
  };
  private retryTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private wanted = false;

  constructor(private readonly options: HidDeviceOptions) {
    super();
    this.decoder = options.createDecoder();
    this.retryDelay = this.backoff.min;
  }

  private get backoff(): { min: number; max: number } {
    return this.options.backoffMs ?? { min: 250, max: 5000 };
  }

  get state(): DeviceState {
    return this.stateValue;
  }

  snapshot(): DeviceSnapshot {
    return {
      id: this.options.id,
      role: this.options.role,
      transport: 'hid',
      path: this.options.path,
      state: this.stateValue,
      ...this.health,
    };
  }

  async open(): Promise<void> {
    this.wanted = true;
    await this.attempt();
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
    this.drop();
    this.setState('closed');
  }

  private async attempt(): Promise<void> {
    if (!this.wanted) return;
    this.setState(this.stateValue === 'reconnecting' ? 'reconnecting' : 'opening');
    if (!this.options.transport.present(this.options.path)) {
      this.scheduleRetry(`${this.options.path} is not present`);
      return;
    }
    let device: OpenHidDevice;
    try {
      device = await this.options.transport.open(this.options.path);
    } catch (error) {
      this.scheduleRetry((error as Error).message);
      return;
    }
    if (!this.wanted) {
      device.close();
      return;
    }
    this.device = device;
    this.decoder.reset();
    device.on('data', (report) => this.onReport(report));
    device.on('error', (error) => this.lost(error.message));
    this.retryDelay = this.backoff.min;
    this.watchTimer = setInterval(() => {
      if (!this.options.transport.present(this.options.path))
        this.lost(`${this.options.path} disappeared`);
    }, this.options.watchMs ?? 500);
    this.setState('ready');
  }

  private onReport(report: Uint8Array): void {
    for (const frame of this.decoder.push(report)) {
      this.health.lastEventAt = new Date();
      if (frame.error !== undefined) {
        this.health.errors++;
        this.health.lastError = frame.error;
        this.emit('error', {
          deviceId: this.options.id,
          code: 'protocol',
          message: frame.error,
          at: this.health.lastEventAt,
        });
        continue;
      }
      this.health.reads++;
      this.emit('data', {
        deviceId: this.options.id,
        bytes: frame.bytes,
        at: this.health.lastEventAt,
      });
    }
  }

  private lost(reason: string): void {
    if (!this.device) return;
    this.health.errors++;
    this.health.lastError = reason;
    this.health.lastEventAt = new Date();
    this.emit('error', {
      deviceId: this.options.id,
      code: 'io',
      message: reason,
      at: this.health.lastEventAt,
    });
    this.clearTimers();
    this.drop();
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    if (!this.wanted) return;
    this.health.lastError = reason;
    this.setState('reconnecting');
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.backoff.max);
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  private drop(): void {
    const device = this.device;
    this.device = null;
    device?.close();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.retryTimer = this.watchTimer = null;
  }

  private setState(state: DeviceState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.emit('status', this.snapshot());
  }
}
