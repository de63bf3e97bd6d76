/**
 * The device manager owns the configured devices: it builds a driver per device by role and
 * transport, opens them, and re-emits their events with the device's role; it runs discovery and
 * hot-plug for devices configured by identity (serial number, vendor/product id) and follows them
 * to their current path; for `sim` devices it also owns the simulator end, so a demo or a test can
 * scan, swipe, read tags or print without hardware.
 *
 * Events: `data` (one framed read from a scanner or card reader, raw bytes + role; RFID readers do
 * not emit raw reads), `error` (a fault, the device keeps running), `status` (a snapshot with health
 * counters whenever a device's state or printer status changes), `rfid` (debounced enter / leave),
 * `printer-status` (DLE EOT status), `hotplug` (discovery saw a device appear or disappear).
 * Guarantees: `start()` resolves once every device made its first attempt and never rejects for a
 * missing or broken device (it shows up in `snapshots()` as reconnecting or error); `print` never
 * sends the same job id twice.
 */
import type { DeviceConfig } from './config';
import type { DeviceData, DeviceFault, DeviceRole } from './device';
import type { DiscoveredDevice } from './discovery';
import { locatedByIdentity } from './discovery/match';
import { DeviceWatcher, type WatcherOptions } from './discovery/watcher';
import type { Driver, ManagedSnapshot, PrinterStatusEvent, RfidTagEvent } from './drivers/driver';
import { ReceiptPrinter } from './drivers/receipt-printer';
import { Emitter } from './emitter';
import type { HidTransport } from './hid-driver/transport';
import { nodeHidTransport } from './hid-driver/transport';
import { buildDriver, UnsupportedDriver, type BuildContext } from './manager/build';
import { LocatedDriver } from './manager/located';
import { setUpSim, type Simulator } from './manager/sim';
import { memoryJobStorage, type JobOutcome, type PrintJobStorage } from './printer/jobs';
import type { PrinterStatus } from './printer/status';
import type { PtyPair } from './sim/pty-pair';

export type { Simulator } from './manager/sim';
export type { ManagedSnapshot, PrinterStatusEvent, RfidTagEvent } from './drivers/driver';

/** One framed read with the role of the device it came from. */
export interface ManagerData extends DeviceData {
  role: DeviceRole;
}

export interface HotplugEvent {
  type: 'appeared' | 'disappeared';
  device: DiscoveredDevice;
}

export type ManagerEvents = {
  data: [ManagerData];
  error: [DeviceFault];
  status: [ManagedSnapshot];
  rfid: [RfidTagEvent];
  'printer-status': [PrinterStatusEvent];
  hotplug: [HotplugEvent];
};

export interface DeviceManagerOptions {
  devices: readonly DeviceConfig[];
  /** Folder for simulator pty links. */
  simDir: string;
  /** Defaults to node-hid. Tests pass a `SimHidBus`. */
  hidTransport?: HidTransport;
  /** Where print jobs are recorded (the host backs it with SQLite); in memory by default. */
  printJobs?: PrintJobStorage;
  /**
   * Discovery / hot-plug polling. It runs when a device is configured by identity, or always with
   * `always: true`; `false` turns it off.
   */
  discovery?: (WatcherOptions & { always?: boolean }) | false;
  /** Path presence check and reconnect backoff: a re-plugged device is back within ~max + watch. */
  watchMs?: number;
  backoffMs?: { min: number; max: number };
}

export class PrinterNotFoundError extends Error {
  readonly code = 'printer-not-found';
}

export class DeviceManager extends Emitter<ManagerEvents> {
  private readonly drivers = new Map<string, Driver>();
  private readonly simulators = new Map<string, Simulator>();
  private readonly pairs: PtyPair[] = [];
  private watcher: DeviceWatcher | null = null;
  private readonly context: BuildContext;

  constructor(private readonly options: DeviceManagerOptions) {
    super();
    this.context = {
      hidTransport: options.hidTransport ?? nodeHidTransport,
      printJobs: options.printJobs ?? memoryJobStorage(),
      watchMs: options.watchMs ?? 500,
      backoffMs: options.backoffMs ?? { min: 250, max: 2000 },
    };
  }

  async start(): Promise<void> {
    for (const config of this.options.devices) {
      const driver = await this.create(config);
      this.attach(config, driver);
      await driver.open();
    }
    const discovery = this.options.discovery;
    const needed = this.options.devices.some(locatedByIdentity);
    if (discovery !== false && (needed || discovery?.always === true)) {
      this.watcher = new DeviceWatcher(discovery === undefined ? {} : discovery);
      this.watcher.on('appeared', (device) => this.onAppeared(device));
      this.watcher.on('disappeared', (device) =>
        this.emit('hotplug', { type: 'disappeared', device }),
      );
      await this.watcher.start();
    }
  }

  snapshots(): ManagedSnapshot[] {
    return [...this.drivers.values()].map((driver) => driver.snapshot());
  }

  /** Devices discovery saw at its last poll (empty when discovery is not running). */
  discovered(): DiscoveredDevice[] {
    return this.watcher?.devices() ?? [];
  }

  simulator(id: string): Simulator | null {
    return this.simulators.get(id) ?? null;
  }

  /** Prints once per job id on a configured printer; a retry returns the first outcome. */
  async print(deviceId: string, jobId: string, bytes: Uint8Array): Promise<JobOutcome> {
    return this.printer(deviceId).print(jobId, bytes);
  }

  /** Polls a printer's DLE EOT status now; null when it does not answer. */
  async printerStatus(deviceId: string): Promise<PrinterStatus | null> {
    return this.printer(deviceId).refreshStatus();
  }

  async close(): Promise<void> {
    await this.watcher?.stop();
    await Promise.all([...this.drivers.values()].map((driver) => driver.close()));
    await Promise.all([...this.simulators.values()].map((simulator) => simulator.close()));
    await Promise.all(this.pairs.map((pair) => pair.close()));
  }

  private printer(deviceId: string): ReceiptPrinter {
    const driver = this.drivers.get(deviceId);
    const inner = driver instanceof LocatedDriver ? driver.inner : driver;
    if (inner instanceof ReceiptPrinter) return inner;
    throw new PrinterNotFoundError(`${deviceId} is not a connected printer`);
  }

  private onAppeared(device: DiscoveredDevice): void {
    this.emit('hotplug', { type: 'appeared', device });
    for (const driver of this.drivers.values())
      if (driver instanceof LocatedDriver) driver.offer(device);
  }

  private async create(config: DeviceConfig): Promise<Driver> {
    const build = (path: string): Driver => buildDriver(config, path, this.context);
    try {
      if (config.transport === 'sim') {
        const setup = await setUpSim(config, this.options.simDir, build);
        if (setup.pair) this.pairs.push(setup.pair);
        if (setup.simulator) this.simulators.set(config.id, setup.simulator);
        return setup.driver;
      }
      if (config.path !== undefined) return build(config.path);
      return new LocatedDriver(config, build);
    } catch (error) {
      return new UnsupportedDriver(config, (error as Error).message);
    }
  }

  private attach(config: DeviceConfig, driver: Driver): void {
    this.drivers.set(config.id, driver);
    driver.on('data', (data) => this.emit('data', { ...data, role: config.kind }));
    driver.on('error', (fault) => this.emit('error', fault));
    driver.on('status', () => this.emit('status', driver.snapshot()));
    driver.on('rfid', (event) => this.emit('rfid', event));
    driver.on('printer-status', (event) => this.emit('printer-status', event));
  }
}
