/**
 * The device manager owns the configured devices: it builds each driver, opens it, forwards its
 * data, error and status events, and for `sim` devices also owns the simulator end so a demo or a
 * test can "scan" without hardware.
 */
import type { DeviceConfig } from './config';
import type { DeviceEvents, DeviceSnapshot, Framer } from './device';
import { Emitter } from './emitter';
import { SuffixFramer } from './serial/suffix-framer';
import { SerialLineDevice } from './serial/serial-line-device';
import { InProcessLineDevice } from './sim/in-process-device';
import { TtyWriter } from './sim/line-writer';
import { createPtyPair, socatAvailable, type PtyPair } from './sim/pty-pair';

interface ManagedDevice {
  snapshot(): DeviceSnapshot;
  open(): Promise<void>;
  close(): Promise<void>;
  on: Emitter<DeviceEvents>['on'];
}

/** Sends bytes as the simulated device would put them on the wire. */
export interface Simulator {
  send(bytes: Uint8Array): void;
  close(): void;
}

export interface DeviceManagerOptions {
  devices: readonly DeviceConfig[];
  /** Folder for simulator pty links. */
  simDir: string;
}

function framerFor(config: DeviceConfig): () => Framer {
  return () => new SuffixFramer({ suffix: config.suffix });
}

export class DeviceManager extends Emitter<DeviceEvents> {
  private readonly devices = new Map<string, ManagedDevice>();
  private readonly simulators = new Map<string, Simulator>();
  private readonly pairs: PtyPair[] = [];

  constructor(private readonly options: DeviceManagerOptions) {
    super();
  }

  async start(): Promise<void> {
    for (const config of this.options.devices) {
      const device = await this.build(config);
      device.on('data', (data) => this.emit('data', data));
      device.on('error', (fault) => this.emit('error', fault));
      device.on('status', (snapshot) => this.emit('status', snapshot));
      this.devices.set(config.id, device);
      await device.open();
    }
  }

  snapshots(): DeviceSnapshot[] {
    return [...this.devices.values()].map((device) => device.snapshot());
  }

  simulator(id: string): Simulator | null {
    return this.simulators.get(id) ?? null;
  }

  async close(): Promise<void> {
    for (const simulator of this.simulators.values()) simulator.close();
    await Promise.all([...this.devices.values()].map((device) => device.close()));
    await Promise.all(this.pairs.map((pair) => pair.close()));
  }

  private async build(config: DeviceConfig): Promise<ManagedDevice> {
    if (config.transport === 'serial' && config.path) {
      return new SerialLineDevice({
        id: config.id,
        role: config.kind,
        path: config.path,
        baudRate: config.baudRate,
        createFramer: framerFor(config),
      });
    }
    if (config.transport === 'sim' && socatAvailable()) {
      const pair = await createPtyPair(this.options.simDir, config.id);
      this.pairs.push(pair);
      const device = new SerialLineDevice({
        id: config.id,
        role: config.kind,
        path: pair.devicePath,
        baudRate: config.baudRate,
        createFramer: framerFor(config),
      });
      const writer = new TtyWriter(pair.simPath);
      this.simulators.set(config.id, {
        send: (bytes) => writer.write(bytes),
        close: () => writer.close(),
      });
      return device;
    }
    if (config.transport === 'sim') {
      const device = new InProcessLineDevice(config.id, config.kind, framerFor(config));
      this.simulators.set(config.id, {
        send: (bytes) => device.inject(bytes),
        close: () => undefined,
      });
      return device;
    }
    throw new Error(`device ${config.id}: transport ${config.transport} is not supported yet`);
  }
}
