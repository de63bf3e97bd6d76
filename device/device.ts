/**
 * The device model, after UnifiedPOS: a role, a lifecycle (closed → opening → ready → error →
 * reconnecting) and three kinds of events: data, error and status.
 */
export const deviceRoles = ['scanner', 'card-reader', 'rfid', 'printer'] as const;
export type DeviceRole = (typeof deviceRoles)[number];
export type DeviceState = 'closed' | 'opening' | 'ready' | 'error' | 'reconnecting';

export interface DeviceHealth {
  reads: number;
  errors: number;
  lastEventAt: Date | null;
  lastError: string | null;
}

export interface DeviceSnapshot extends DeviceHealth {
  id: string;
  role: DeviceRole;
  transport: string;
  path: string | null;
  state: DeviceState;
}

/** One complete read: a framed barcode, a card swipe, a tag read. Raw bytes, not yet decoded. */
export interface DeviceData {
  deviceId: string;
  bytes: Uint8Array;
  at: Date;
}

export interface DeviceFault {
  deviceId: string;
  code: 'framing' | 'io' | 'overflow' | 'protocol';
  message: string;
  at: Date;
}

export type DeviceEvents = {
  data: [DeviceData];
  error: [DeviceFault];
  status: [DeviceSnapshot];
};

/** Turns a byte stream into frames; a frame with `error` is garbage to count and drop. */
export interface Framer {
  push(chunk: Uint8Array): Array<{ bytes: Uint8Array; error?: string }>;
  /**
   * What a quiet line completes, for protocols with no terminator of their own (a magstripe
   * reader that sends no line ending): the driver calls it once after an idle gap.
   */
  idle?(): Array<{ bytes: Uint8Array; error?: string }>;
}
