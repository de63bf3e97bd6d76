/**
 * The running kiosk's device states for `kiosk devices`: a 0600 JSON file in the data directory,
 * rewritten on every status change and removed when the host closes. Store IT reads it with the
 * CLI as the kiosk's own user; the bridge is no way in for a command line (it needs the screen's
 * session token, and device health a signed-in staff member).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { deviceStatusSchema, type DeviceStatus } from '../bridge/schemas';

const fileName = 'device-states.json';

const publishedSchema = z.object({
  pid: z.number().int().positive(),
  at: z.string(),
  devices: z.array(deviceStatusSchema),
});

export interface DeviceStatePublisher {
  /** Writes the current states (atomically: readers never see half a file). */
  update(): void;
  remove(): void;
}

export function publishDeviceStates(
  dataDir: string,
  states: () => DeviceStatus[],
): DeviceStatePublisher {
  const file = join(dataDir, fileName);
  const update = () => {
    const body = JSON.stringify({
      pid: process.pid,
      at: new Date().toISOString(),
      devices: states(),
    });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, body, { mode: 0o600 });
    renameSync(temporary, file);
  };
  update();
  return { update, remove: () => rmSync(file, { force: true }) };
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** The states a running kiosk published in `dataDir`; null when none runs there. */
export function readDeviceStates(dataDir: string): DeviceStatus[] | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, fileName), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = publishedSchema.safeParse(json);
  return parsed.success && running(parsed.data.pid) ? parsed.data.devices : null;
}
