/**
 * A device configured by identity (serial number, vendor/product id, USB port) rather than path.
 * Until discovery finds it, it is `reconnecting` with "not found"; when it appears (at boot or
 * re-plugged, maybe under a new tty or hidraw number) a driver is built for its current path.
 * Guarantees: at most one inner driver at a time; a move to a new path closes the old driver
 * first; after `close()` no new driver is built.
 */
import type { DeviceConfig } from '../config';
import type { DiscoveredDevice } from '../discovery';
import { matchesConfig } from '../discovery/match';
import type { Driver, DriverEvents, ManagedSnapshot } from '../drivers/driver';
import { Emitter } from '../emitter';

export class LocatedDriver extends Emitter<DriverEvents> implements Driver {
  private innerDriver: Driver | null = null;
  private path: string | null = null;
  private wanted = false;
  private switching: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: DeviceConfig,
    private readonly build: (path: string) => Driver,
  ) {
    super();
  }

  get inner(): Driver | null {
    return this.innerDriver;
  }

  snapshot(): ManagedSnapshot {
    if (this.innerDriver) return this.innerDriver.snapshot();
    return {
      id: this.config.id,
      role: this.config.kind,
      transport: this.config.transport,
      path: null,
      state: this.wanted ? 'reconnecting' : 'closed',
      reads: 0,
      errors: 0,
      lastEventAt: null,
      lastError: this.wanted ? 'not found: waiting for the device to be plugged in' : null,
      warning: null,
    };
  }

  async open(): Promise<void> {
    this.wanted = true;
    this.emit('status', this.snapshot());
  }

  async close(): Promise<void> {
    this.wanted = false;
    await this.switching;
    const inner = this.innerDriver;
    this.innerDriver = null;
    await inner?.close();
    this.emit('status', this.snapshot());
  }

  /** Called by the manager for every device discovery reports as appeared. */
  offer(device: DiscoveredDevice): void {
    if (!this.wanted || !matchesConfig(this.config, device) || device.path === this.path) return;
    this.switching = this.switching.then(() => this.moveTo(device.path));
  }

  private async moveTo(path: string): Promise<void> {
    if (!this.wanted) return;
    const old = this.innerDriver;
    this.innerDriver = null;
    await old?.close();
    this.path = path;
    const driver = this.build(path);
    driver.on('data', (data) => this.emit('data', data));
    driver.on('error', (fault) => this.emit('error', fault));
    driver.on('status', (snapshot) => this.emit('status', snapshot));
    driver.on('rfid', (event) => this.emit('rfid', event));
    driver.on('printer-status', (event) => this.emit('printer-status', event));
    this.innerDriver = driver;
    await driver.open();
  }
}
