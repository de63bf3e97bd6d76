/**
 * Hot-plug: polls discovery (every second by default) and reports devices that appeared or
 * disappeared since the previous poll. A device is the same device while its identity and path
 * stay the same; a device re-plugged into another port appears under its new path.
 *
 * Guarantees: polls never overlap; a failing source only yields a `warning` (each distinct text
 * once); `stop()` ends polling and no event follows it.
 */
import { discoverDevices, type DiscoveredDevice, type DiscoveryOptions } from '../discovery';
import { Emitter } from '../emitter';

export type WatcherEvents = {
  appeared: [DiscoveredDevice];
  disappeared: [DiscoveredDevice];
  warning: [string];
};

export interface WatcherOptions extends DiscoveryOptions {
  intervalMs?: number;
}

const keyOf = (device: DiscoveredDevice): string => `${device.identity}\u0000${device.path}`;

export class DeviceWatcher extends Emitter<WatcherEvents> {
  private present = new Map<string, DiscoveredDevice>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private polling: Promise<void> | null = null;

  constructor(private readonly options: WatcherOptions = {}) {
    super();
  }

  /** The devices seen by the last poll. */
  devices(): DiscoveredDevice[] {
    return [...this.present.values()];
  }

  /** Polls once now (the first poll reports every device as appeared), then every interval. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.poll();
    const schedule = (): void => {
      if (!this.running) return;
      this.timer = setTimeout(() => {
        void this.poll().finally(schedule);
      }, this.options.intervalMs ?? 1000);
    };
    schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** One poll; also callable on demand (e.g. right after a device is lost). */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const { devices, warnings } = await discoverDevices(this.options);
    if (!this.running) return;
    for (const warning of warnings) {
      if (this.warned.has(warning)) continue;
      this.warned.add(warning);
      this.emit('warning', warning);
    }
    const next = new Map(devices.map((device) => [keyOf(device), device]));
    const before = this.present;
    this.present = next;
    for (const [key, device] of before) if (!next.has(key)) this.emit('disappeared', device);
    for (const [key, device] of next) if (!before.has(key)) this.emit('appeared', device);
  }
}
