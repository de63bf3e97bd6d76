/**
 * A simulated line device without a pty (machines without socat): bytes given to `inject` go
 * through the same framer as a serial device's would.
 */
import type {
  DeviceEvents,
  DeviceHealth,
  DeviceRole,
  DeviceSnapshot,
  DeviceState,
  Framer,
} from '../device';
import { Emitter } from '../emitter';

export class InProcessLineDevice extends Emitter<DeviceEvents> {
  private stateValue: DeviceState = 'closed';
  private readonly health: DeviceHealth = {
    reads: 0,
    errors: 0,
    lastEventAt: null,
    lastError: null,
  };
  private readonly framer: Framer;

  constructor(
    private readonly id: string,
    private readonly role: DeviceRole,
    createFramer: () => Framer,
  ) {
    super();
    this.framer = createFramer();
  }

  get state(): DeviceState {
    return this.stateValue;
  }

  snapshot(): DeviceSnapshot {
    return {
      id: this.id,
      role: this.role,
      transport: 'sim',
      path: null,
      state: this.stateValue,
      ...this.health,
    };
  }

  async open(): Promise<void> {
    this.stateValue = 'ready';
    this.emit('status', this.snapshot());
  }

  async close(): Promise<void> {
    this.stateValue = 'closed';
    this.emit('status', this.snapshot());
  }

  inject(bytes: Uint8Array): void {
    for (const frame of this.framer.push(bytes)) {
      this.health.lastEventAt = new Date();
      if (frame.error) {
        this.health.errors++;
        this.emit('error', {
          deviceId: this.id,
          code: 'framing',
          message: frame.error,
          at: this.health.lastEventAt,
        });
        continue;
      }
      this.health.reads++;
      this.emit('data', { deviceId: this.id, bytes: frame.bytes, at: this.health.lastEventAt });
    }
  }
}
