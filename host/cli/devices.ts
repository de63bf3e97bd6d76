/**
 * `kiosk devices [--json]`: the configured devices (KIOSK_CONFIG) with their state, and the serial
 * and HID devices plugged in now with their likely role. When a kiosk is running on this data
 * directory (KIOSK_DATA_DIR) the states are the ones it publishes there (host/device-state-file);
 * otherwise nothing is opened: each device shows `closed` and whether its path is present.
 * `--json` prints one JSON object per line.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DeviceStatus } from '../../bridge/schemas';
import { discoverDevices, type DiscoveredDevice } from '../../device/discovery';
import { ConfigError, loadConfigFromEnv, type KioskConfig } from '../config';
import { readDeviceStates } from '../device-state-file';
import { exitCodes, type Command } from './io';

interface ConfiguredRow {
  type: 'configured';
  id: string;
  kind: string;
  transport: string;
  path: string | null;
  state: string;
  source: 'kiosk' | 'offline';
  present: boolean | null;
  reads: number | null;
  errors: number | null;
  lastError: string | null;
}

function configuredRows(config: KioskConfig, live: DeviceStatus[] | null): ConfiguredRow[] {
  return config.devices.map((device) => {
    const status = live?.find((entry) => entry.id === device.id);
    const path = status?.path ?? device.path ?? null;
    return {
      type: 'configured',
      id: device.id,
      kind: device.kind,
      transport: device.transport,
      path,
      state: status?.state ?? 'closed',
      source: live ? 'kiosk' : 'offline',
      present:
        device.transport === 'sim'
          ? null
          : path === null
            ? false
            : existsSync(path) || !path.startsWith('/'),
      reads: status?.reads ?? null,
      errors: status?.errors ?? null,
      lastError: status?.lastError ?? null,
    };
  });
}

function formatDiscovered(device: DiscoveredDevice): string {
  const ids =
    device.vendorId === null
      ? ''
      : ` ${device.vendorId.toString(16).padStart(4, '0')}:${(device.productId ?? 0).toString(16).padStart(4, '0')}`;
  const role = device.likelyRole ?? 'unknown role';
  return `  ${device.transport.padEnd(6)} ${device.path}${ids}  ${device.vendorName ?? device.manufacturer ?? ''}  → ${role}  (id ${device.identity})`;
}

export const devicesCommand: Command = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false } },
  });
  let environment;
  try {
    environment = loadConfigFromEnv(io.env, false);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
  const live = readDeviceStates(environment.dataDir);
  const rows = configuredRows(environment.config, live);
  const { devices, warnings } = await discoverDevices();
  if (values.json) {
    for (const row of rows) io.out(JSON.stringify(row));
    for (const device of devices) io.out(JSON.stringify({ type: 'discovered', ...device }));
    for (const warning of warnings) io.out(JSON.stringify({ type: 'warning', message: warning }));
    return exitCodes.ok;
  }
  io.out(
    live
      ? `configured devices (from the kiosk running on ${environment.dataDir}):`
      : 'configured devices (no kiosk running: nothing opened):',
  );
  for (const row of rows) {
    const presence =
      row.present === null ? 'simulated' : row.present ? 'path present' : 'path missing';
    const health = row.reads === null ? '' : `  reads ${row.reads}, errors ${row.errors}`;
    io.out(
      `  ${row.id.padEnd(16)} ${row.kind.padEnd(11)} ${row.transport.padEnd(6)} ${row.state.padEnd(12)} ${row.path ?? '-'} (${presence})${health}${row.lastError ? `  last error: ${row.lastError}` : ''}`,
    );
  }
  io.out(devices.length ? 'plugged in now:' : 'plugged in now: none found');
  for (const device of devices) io.out(formatDiscovered(device));
  for (const warning of warnings) io.err(`warning: ${warning}`);
  return exitCodes.ok;
};
