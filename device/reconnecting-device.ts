/**
 * The lifecycle every connected device shares, whatever its transport: closed → opening → ready,
 * and after any loss reconnecting with backoff until the device is back; health counters; the
 * data / error / status events.
 *
 * Guarantees: `open()` never rejects (a missing device goes to reconnecting); a loss is reported
 * once, as an `io` error, and is followed by a fresh connection (never a reused handle); after
 * `close()` no event is emitted.
 *
 * A transport supplies how to test presence, connect and let go; it reports what it reads through
 * `received` / `fault` and a broken link through `lost`.
 */
import type {
  DeviceFault,
  DeviceEvents,
  DeviceHealth,
  DeviceRole,
  DeviceSnapshot,
  DeviceState,
} from './device';
import { Emitter } from './emitter';

export interface ReconnectingOptions {
  id: string;
  role: DeviceRole;
  path: string;
  /** How often presence is checked while ready (ms): drivers may miss an unplug. */
  watchMs?: number;
  /** First and largest reconnect delay (ms). */
  backoffMs?: { min: number; max: number };
}

export abstract class ReconnectingDevice<Handle> extends Emitter<DeviceEvents> {
  protected handle: Handle | null = null;
  private stateValue: DeviceState = 'closed';
  private readonly health: DeviceHealth = {
    reads: 0,
    errors: 0,
    lastEventAt: null,
    lastError: null,
  };
  private watchTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private wanted = false;

  protected constructor(
    private readonly base: ReconnectingOptions,
    private readonly transport: DeviceSnapshot['transport'],
  ) {
    super();
    this.retryDelay = this.backoff.min;
  }

  /** Whether the device is there to connect to. */
  protected abstract present(): boolean;
  /** Opens a new connection; rejects when it cannot. */
  protected abstract connect(): Promise<Handle>;
  /** Wires the handle's events (a fresh decoder/framer goes with a fresh connection). */
  protected abstract attach(handle: Handle): void;
  /** Lets go of a handle: no more events from it. */
  protected abstract release(handle: Handle): Promise<void>;

  private get backoff(): { min: number; max: number } {
    return this.base.backoffMs ?? { min: 250, max: 5000 };
  }

  get state(): DeviceState {
    return this.stateValue;
  }

  snapshot(): DeviceSnapshot {
    return {
      id: this.base.id,
      role: this.base.role,
      transport: this.transport,
      path: this.base.path,
      state: this.stateValue,
      ...this.health,
    };
  }

  /** Starts reading; resolves once the first attempt is made (a missing device goes to reconnecting). */
  async open(): Promise<void> {
    this.wanted = true;
    await this.attempt();
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
    await this.drop();
    this.setState('closed');
  }

  /** One frame read from the device. */
  protected received(bytes: Uint8Array): void {
    this.health.reads++;
    this.health.lastEventAt = new Date();
    this.emit('data', { deviceId: this.base.id, bytes, at: this.health.lastEventAt });
  }

  /** Something unreadable arrived; reading goes on. */
  protected fault(code: DeviceFault['code'], message: string): void {
    this.health.errors++;
    this.health.lastError = message;
    this.health.lastEventAt = new Date();
    this.emit('error', { deviceId: this.base.id, code, message, at: this.health.lastEventAt });
  }

  /** The link broke: report once, let go, and reconnect with backoff. */
  protected lost(reason: string): void {
    if (!this.handle) return;
    this.fault('io', reason);
    this.clearTimers();
    void this.drop();
    this.scheduleRetry(reason);
  }

  private async attempt(): Promise<void> {
    if (!this.wanted) return;
    this.setState(
      this.health.reads > 0 || this.stateValue === 'reconnecting' ? 'reconnecting' : 'opening',
    );
    if (!this.present()) {
      this.scheduleRetry(`${this.base.path} is not present`);
      return;
    }
    let handle: Handle;
    try {
      handle = await this.connect();
    } catch (error) {
      this.scheduleRetry(error instanceof Error ? error.message : String(error));
      return;
    }
    if (!this.wanted) {
      await this.release(handle);
      return;
    }
    this.handle = handle;
    this.attach(handle);
    this.retryDelay = this.backoff.min;
    this.watchTimer = setInterval(() => {
      if (!this.present()) this.lost(`${this.base.path} disappeared`);
    }, this.base.watchMs ?? 500);
    this.setState('ready');
  }

  private scheduleRetry(reason: string): void {
    if (!this.wanted) return;
    this.health.lastError = reason;
    this.setState('reconnecting');
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.backoff.max);
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  private async drop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await this.release(handle);
  }

  private clearTimers(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.watchTimer = this.retryTimer = null;
  }

  private setState(state: DeviceState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.emit('status', this.snapshot());
  }
}
