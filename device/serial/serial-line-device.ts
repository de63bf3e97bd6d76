/**
 * A device on a serial line (scanner, card reader, RFID reader) that survives cables being pulled.
 * serialport can miss a disconnect (ENVIRONMENT.md, bindings-cpp#162), so the device path is also
 * watched; after any loss a NEW SerialPort is created, with backoff, once the path is back.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type {
  DeviceEvents,
  DeviceHealth,
  DeviceRole,
  DeviceSnapshot,
  DeviceState,
  Framer,
} from '../device';
import { Emitter } from '../emitter';

export interface SerialLineOptions {
  id: string;
  role: DeviceRole;
  path: string;
  baudRate: number;
  createFramer: () => Framer;
  /** How often the path is checked while ready (ms). */
  watchMs?: number;
  /** First and largest reconnect delay (ms). */
  backoffMs?: { min: number; max: number };
}

export class SerialLineDevice extends Emitter<DeviceEvents> {
  private port: SerialPort | null = null;
  private framer: Framer;
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

  constructor(private readonly options: SerialLineOptions) {
    super();
    this.framer = options.createFramer();
    this.retryDelay = this.backoff.min;
  }

  private get backoff() {
    return this.options.backoffMs ?? { min: 250, max: 5000 };
  }

  get state(): DeviceState {
    return this.stateValue;
  }

  snapshot(): DeviceSnapshot {
    return {
      id: this.options.id,
      role: this.options.role,
      transport: 'serial',
      path: this.options.path,
      state: this.stateValue,
      ...this.health,
    };
  }

  /** Starts reading; resolves once the first attempt is made (a missing port goes to reconnecting). */
  async open(): Promise<void> {
    this.wanted = true;
    await this.attempt();
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
    await this.dropPort();
    this.setState('closed');
  }

  /** Writes to the device (printer jobs, reader commands). */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || this.stateValue !== 'ready')
      return Promise.reject(new Error(`${this.options.id} is not ready`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) =>
        error ? reject(error) : port.drain(() => resolve()),
      );
    });
  }

  private async attempt(): Promise<void> {
    if (!this.wanted) return;
    this.setState(
      this.health.reads > 0 || this.stateValue === 'reconnecting' ? 'reconnecting' : 'opening',
    );
    if (!existsSync(this.options.path)) {
      this.scheduleRetry(`${this.options.path} is not present`);
      return;
    }
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate,
      autoOpen: false,
    });
    try {
      await new Promise<void>((resolve, reject) =>
        port.open((error) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      this.scheduleRetry((error as Error).message);
      return;
    }
    if (!this.wanted) {
      port.close();
      return;
    }
    this.port = port;
    this.framer = this.options.createFramer();
    port.on('data', (chunk: Buffer) => this.onChunk(chunk));
    port.on('close', () => this.lost('port closed'));
    port.on('error', (error: Error) => this.lost(error.message));
    this.retryDelay = this.backoff.min;
    this.watchTimer = setInterval(() => {
      if (!existsSync(this.options.path)) this.lost(`${this.options.path} disappeared`);
    }, this.options.watchMs ?? 500);
    this.setState('ready');
  }

  private onChunk(chunk: Buffer): void {
    let frames;
    try {
      frames = this.framer.push(chunk);
    } catch (error) {
      this.fault('framing', (error as Error).message);
      this.framer = this.options.createFramer();
      return;
    }
    for (const frame of frames) {
      if (frame.error) {
        this.fault(
          frame.error === 'overflow' ? 'overflow' : 'framing',
          `dropped ${frame.bytes.length} byte(s): ${frame.error}`,
        );
        continue;
      }
      this.health.reads++;
      this.health.lastEventAt = new Date();
      this.emit('data', {
        deviceId: this.options.id,
        bytes: frame.bytes,
        at: this.health.lastEventAt,
      });
    }
  }

  private fault(code: 'framing' | 'io' | 'overflow', message: string): void {
    this.health.errors++;
    this.health.lastError = message;
    this.health.lastEventAt = new Date();
    this.emit('error', { deviceId: this.options.id, code, message, at: this.health.lastEventAt });
  }

  private lost(reason: string): void {
    if (!this.port) return;
    this.fault('io', reason);
    this.clearTimers();
    void this.dropPort();
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

  private async dropPort(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.on('error', () => undefined);
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port.destroy();
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
