/**
 * The port a HID driver reads through. `open(path)` either returns an open device or throws (not
 * present, no permission, node-hid missing); an open device reports input reports on `data` and a
 * lost device on `error` (node-hid emits `error` when the device is unplugged).
 */
import { existsSync } from 'node:fs';
import { Emitter } from '../emitter';

export type HidTransportEvents = { data: [Uint8Array]; error: [Error] };

export interface OpenHidDevice {
  on: Emitter<HidTransportEvents>['on'];
  close(): void;
}

export interface HidTransport {
  /** Whether a device is at `path` now (for the reconnect loop: no open attempt while absent). */
  present(path: string): boolean;
  open(path: string): Promise<OpenHidDevice>;
}

export class HidUnavailableError extends Error {
  readonly code = 'hid-unavailable';
}

interface NodeHidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(): unknown;
  close(): void;
}

class NodeHidOpen extends Emitter<HidTransportEvents> implements OpenHidDevice {
  constructor(private readonly device: NodeHidDevice) {
    super();
    device.on('data', (data) => this.emit('data', Uint8Array.from(data)));
    device.on('error', (error) =>
      this.emit('error', error instanceof Error ? error : new Error(String(error))),
    );
  }

  close(): void {
    this.device.removeAllListeners();
    try {
      this.device.close();
    } catch {
      // Closing a device that is already gone: nothing left to release.
    }
  }
}

/** node-hid, loaded on first open so a machine without it (or without libusb) still starts. */
export const nodeHidTransport: HidTransport = {
  // hidraw paths can be checked; libusb-style paths ("0001:0004:00") are tried by opening.
  present: (path) => !path.startsWith('/dev/') || existsSync(path),
  async open(path) {
    let hid: typeof import('node-hid');
    try {
      hid = await import('node-hid');
    } catch (error) {
      throw new HidUnavailableError(`node-hid is not available: ${(error as Error).message}`);
    }
    return new NodeHidOpen(new hid.HID(path));
  },
};
