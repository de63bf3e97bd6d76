/** Opens the simulator's end of a pty (or any tty) as a serial port that both reads and writes. */
import { SerialPort } from 'serialport';

export function openSimPort(path: string, baudRate = 115200): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

export function closeSimPort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) {
      resolve();
      return;
    }
    port.close(() => resolve());
  });
}

export function writeSimPort(port: SerialPort, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(Buffer.from(bytes), (error) =>
      error ? reject(error) : port.drain(() => resolve()),
    );
  });
}
