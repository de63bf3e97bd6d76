/**
 * Both ends of a socat pty pair opened as serial ports: the kiosk's end (the device path a driver
 * would open) and the simulated device's end, for tests that check bytes on the wire.
 */
import { SerialPort } from 'serialport';
import { afterEach, beforeEach } from 'vitest';
import { createPtyPair } from '../../device/sim/pty-pair';
import { tempDir } from './temp';

export interface PtyPorts {
  kiosk: SerialPort;
  device: SerialPort;
  close(): Promise<void>;
}

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200 }, (err) =>
      err ? reject(err) : resolve(port),
    );
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

export async function openPtyPorts(name: string): Promise<PtyPorts> {
  const dir = tempDir(`${name}-pty-`);
  const pair = await createPtyPair(dir.path, name);
  const kiosk = await openPort(pair.devicePath);
  const device = await openPort(pair.simPath);
  return {
    kiosk,
    device,
    async close() {
      await closePort(kiosk);
      await closePort(device);
      await pair.close();
      dir.remove();
    },
  };
}

/** Opens a fresh pair before each test of the file (handed to `ready`) and closes it after. */
export function ptyPortsForEachTest(name: string, ready: (ports: PtyPorts) => void): void {
  let ports: PtyPorts | null = null;
  beforeEach(async () => {
    ports = await openPtyPorts(name);
    ready(ports);
  });
  afterEach(async () => {
    await ports?.close();
  });
}
