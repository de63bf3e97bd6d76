/**
 * `transport: "sim"` devices: the manager makes a socat pty pair per device, drives the device end
 * with the real driver, and keeps the simulator end: a writer for scanners, card readers and ASCII
 * RFID readers, an answering R2000 reader, or an answering ESC/POS printer. Without socat, scanners
 * and card readers fall back to an in-process device (same framer, no pty).
 */
import type { DeviceConfig } from '../config';
import type { Driver } from '../drivers/driver';
import { framerFor } from '../drivers/framers';
import { ReaderDriver } from '../drivers/reader-driver';
import { InProcessLineDevice } from '../sim/in-process-device';
import { TtyWriter } from '../sim/line-writer';
import { PrinterSimulator } from '../sim/printer-sim';
import { createPtyPair, socatAvailable, type PtyPair } from '../sim/pty-pair';
import { RfidSimulator } from '../sim/rfid-sim';
import { UnsupportedDriver } from './build';

/** Sends bytes as the simulated device would put them on the wire. */
export interface Simulator {
  send(bytes: Uint8Array): void;
  close(): void | Promise<void>;
  /** The answering printer, for `printer` devices. */
  printer?: PrinterSimulator;
  /** The answering reader, for R2000 `rfid` devices. */
  rfid?: RfidSimulator;
}

export interface SimSetup {
  driver: Driver;
  simulator: Simulator | null;
  pair: PtyPair | null;
}

export async function setUpSim(
  config: DeviceConfig,
  simDir: string,
  build: (path: string) => Driver,
): Promise<SimSetup> {
  if (!socatAvailable()) {
    if (config.kind === 'scanner' || config.kind === 'card-reader') {
      const device = new InProcessLineDevice(config.id, config.kind, framerFor(config));
      return {
        driver: new ReaderDriver(device),
        simulator: { send: (bytes) => device.inject(bytes), close: () => undefined },
        pair: null,
      };
    }
    return {
      driver: new UnsupportedDriver(config, `a simulated ${config.kind} needs socat`),
      simulator: null,
      pair: null,
    };
  }
  const pair = await createPtyPair(simDir, config.id);
  const driver = build(pair.devicePath);
  if (config.kind === 'printer') {
    const printer = await PrinterSimulator.open(pair.simPath);
    const simulator: Simulator = {
      send: (bytes) => void printer.send(bytes).catch(() => undefined),
      close: () => printer.close(),
      printer,
    };
    return { driver, simulator, pair };
  }
  if (config.kind === 'rfid' && config.protocol === 'r2000') {
    const rfid = await RfidSimulator.open(pair.simPath, { protocol: 'r2000' });
    const simulator: Simulator = {
      send: (bytes) => void rfid.send(bytes).catch(() => undefined),
      close: () => rfid.close(),
      rfid,
    };
    return { driver, simulator, pair };
  }
  const writer = new TtyWriter(pair.simPath);
  return {
    driver,
    simulator: { send: (bytes) => writer.write(bytes), close: () => writer.close() },
    pair,
  };
}
