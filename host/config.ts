/**
 * Kiosk configuration: a JSON file named by KIOSK_CONFIG, the data directory KIOSK_DATA_DIR and the
 * web shell port KIOSK_PORT. Every problem is reported with the field's path, so store IT can fix
 * the file without reading code; the CLI exits with code 2 on a ConfigError.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../common/result';
import { deviceConfigSchema } from '../device/config';
import { memberBinPattern } from '../device/decode';
import { screenConfigSchema } from './services/screens/screen-config';

/** The product-image cache's default size (2 GiB: about 10,000 packshots and their sizes). */
export const DEFAULT_MEDIA_CACHE_MB = 2048;

export const configSchema = z.looseObject({
  // The screens' settings (idleSeconds, place, payment, …): a bad one refuses start like any field.
  ...screenConfigSchema.shape,
  storeId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a store id such as S001'),
  role: z.enum(['mirror', 'checkout', 'staff']),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  devices: z
    .array(deviceConfigSchema)
    .max(32)
    .default([])
    .superRefine((devices, ctx) => {
      const seen = new Set<string>();
      devices.forEach((device, index) => {
        if (seen.has(device.id))
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `"${device.id}" is used twice`,
          });
        seen.add(device.id);
      });
    }),
  memberBin: z
    .string()
    .regex(memberBinPattern, 'must be 6 to 8 digits (the first digits of a member card)')
    .default('628000'),
  /** How often the store's staff requests are pulled from the cloud while online. */
  requestsPollSeconds: z.number().int().min(1).max(60).default(3),
  /** The device token is rotated during a normal sync once it is this old. */
  tokenMaxAgeDays: z.number().int().min(1).max(365).default(30),
  /** Disk the product-image cache may use (images and their sizes), in MiB (docs/media.md). */
  mediaCacheMB: z.number().int().min(16).max(1_048_576).default(DEFAULT_MEDIA_CACHE_MB),
});

export type KioskConfig = z.output<typeof configSchema>;
export type { DeviceConfig } from '../device/config';

export class ConfigError extends Error {
  readonly code = 'config-invalid';
  readonly exitCode = 2;
}

export function parseConfig(json: unknown, source = '(inline)'): KioskConfig {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(`invalid kiosk config ${source}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

export function readConfigFile(path: string): KioskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read kiosk config ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    // Notepad and Excel on Windows save UTF-8 with a byte order mark; JSON.parse refuses one.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`kiosk config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(json, path);
}

/** The demo store's configuration: checkout-free mirror role with one simulated scanner. */
export const demoConfig: KioskConfig = parseConfig({
  storeId: 'S001',
  role: 'mirror',
  language: 'zh-CN',
  devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' }],
});

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? homedir(), 'SeedKiosk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'seed-kiosk');
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`KIOSK_PORT: must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

export interface Environment {
  config: KioskConfig;
  configPath: string | null;
  dataDir: string;
  port: number;
}

/** Reads the whole environment; with `demo`, a missing KIOSK_CONFIG means the demo store config. */
export function loadConfigFromEnv(env: NodeJS.ProcessEnv = process.env, demo = false): Environment {
  const configPath = env.KIOSK_CONFIG ? resolve(env.KIOSK_CONFIG) : null;
  if (!configPath && !demo)
    throw new ConfigError('KIOSK_CONFIG is not set: name the kiosk config JSON file');
  return {
    config: configPath ? readConfigFile(configPath) : demoConfig,
    configPath,
    dataDir: resolve(env.KIOSK_DATA_DIR || defaultDataDir(env)),
    port: parsePort(env.KIOSK_PORT, 8421),
  };
}
